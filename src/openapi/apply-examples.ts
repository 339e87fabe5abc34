import { type OpenAPIObject } from '@nestjs/swagger';
import { type OperationExamples } from './examples/operation-examples';

interface Operation {
  operationId?: string;
  parameters?: { name: string; example?: unknown }[];
  requestBody?: { content?: Record<string, { example?: unknown }> };
  responses?: Record<string, { content?: Record<string, { example?: unknown }> }>;
}

/**
 * Puts each operation's examples (src/openapi/examples/) into the document: on its parameters,
 * its JSON body and each documented answer. An example for a status or parameter the operation
 * does not document is a mistake in the examples and stops the hub at boot, like a bad mapping.
 */
export function applyExamples(
  document: OpenAPIObject,
  examples: Readonly<Record<string, OperationExamples>>,
): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as Operation[]) {
      const own = op?.operationId ? examples[op.operationId] : undefined;
      if (!own) continue;
      const where = `OpenAPI examples for ${op.operationId}`;
      for (const [name, value] of Object.entries(own.parameters ?? {})) {
        const parameter = op.parameters?.find((p) => p.name.toLowerCase() === name.toLowerCase());
        if (!parameter) throw new Error(`${where}: no parameter ${name}`);
        parameter.example = value;
      }
      if (own.request !== undefined) {
        const body = op.requestBody?.content?.['application/json'];
        if (!body) throw new Error(`${where}: no JSON request body`);
        body.example = own.request;
      }
      for (const [status, value] of Object.entries(own.responses)) {
        const response = op.responses?.[status];
        if (!response) throw new Error(`${where}: status ${status} is not documented`);
        const media = Object.values(response.content ?? {});
        if (media.length === 0) throw new Error(`${where}: status ${status} has no body to show`);
        for (const m of media) m.example = value;
      }
    }
  }
  return document;
}
