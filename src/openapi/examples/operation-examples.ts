/**
 * Examples for one operation of the OpenAPI document, keyed by its operationId: what an agent
 * builder sees when it imports the document. Each is checked against the zod schema the endpoint
 * validates with (test/unit/openapi/examples.spec.ts), so an example cannot drift from the API.
 */
export interface OperationExamples {
  /** Example values of path, query and header parameters, by parameter name. */
  parameters?: Record<string, string | number | boolean>;
  /** The JSON request body. */
  request?: unknown;
  /** One example answer per documented status ('200', '404', ...): the body as the hub sends it. */
  responses: Record<string, unknown>;
}
