/** What the hub reads of a JSON-RPC message before the MCP SDK handles it: its method and tool. */
interface Message {
  method?: unknown;
  params?: { name?: unknown } | null;
}

function message(body: unknown): Message | undefined {
  return body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Message) : undefined;
}

/** A tools/call request: what counts against the API key's rate limit, like one REST request. */
export function isToolCall(body: unknown): boolean {
  return message(body)?.method === 'tools/call';
}

/** "tools/call get_shipment_status", "initialize", ...: the audit row's detail (at most 300 characters). */
export function describeMessage(body: unknown): string | undefined {
  const m = message(body);
  if (typeof m?.method !== 'string') return undefined;
  const tool = m.method === 'tools/call' && typeof m.params?.name === 'string' ? ` ${m.params.name}` : '';
  return `${m.method}${tool}`.slice(0, 300);
}

/**
 * A JSON-RPC batch (an array): refused. The revisions since 2025-06-18 removed batching, and one
 * message per request keeps a tool call's rate-limit count and audit row exact.
 */
export function isBatch(body: unknown): boolean {
  return Array.isArray(body);
}
