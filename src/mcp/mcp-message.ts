/** What the hub reads of a JSON-RPC message before the MCP SDK handles it: its method, id and tool. */
interface Message {
  id?: unknown;
  method?: unknown;
  params?: { name?: unknown; arguments?: unknown } | null;
}

function message(body: unknown): Message | undefined {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Message) : undefined;
}

/**
 * A request (a method and an id, so an answer is computed): what counts against the API key's rate
 * limit, like one REST request. Notifications (no id) and responses only acknowledge.
 */
export function isRequest(body: unknown): boolean {
  const m = message(body);
  return typeof m?.method === 'string' && m.id !== undefined && m.id !== null;
}

/** The tool a tools/call request names, and its arguments. */
export function toolCallOf(body: unknown): { name: string; args: unknown } | undefined {
  const m = message(body);
  if (m?.method !== 'tools/call' || typeof m.params?.name !== 'string') return undefined;
  return { name: m.params.name, args: m.params.arguments ?? {} };
}

const METHOD = /^[a-z]+(\/[A-Za-z_]+){0,3}$/;

/** The method for the audit row: a protocol method name, or "unknown" (the client writes it). */
export function methodOf(body: unknown): string | undefined {
  const method = message(body)?.method;
  if (method === undefined) return undefined;
  return typeof method === 'string' && method.length <= 60 && METHOD.test(method) ? method : 'unknown';
}

/**
 * A JSON-RPC batch (an array): refused. The revisions since 2025-06-18 removed batching, and one
 * message per request keeps a tool call's rate-limit count and audit row exact.
 */
export function isBatch(body: unknown): boolean {
  return Array.isArray(body);
}
