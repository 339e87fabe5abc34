import { Client, type FetchLike, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

/**
 * The official MCP client (v2 SDK) against a hub's /mcp: `legacy` speaks the 2025 revisions
 * (initialize, then each request), `modern` is pinned to 2026-07-28 (no handshake, no session).
 */
export type McpEra = 'legacy' | 'modern';

export const MODERN_REVISION = '2026-07-28';

export async function mcpClient(
  hubUrl: string,
  key: string | undefined,
  options: { era?: McpEra; headers?: Record<string, string>; fetch?: FetchLike } = {},
): Promise<Client> {
  const era = options.era ?? 'legacy';
  const client = new Client(
    { name: 'context-hub-tests', version: '1.0.0' },
    { versionNegotiation: { mode: era === 'modern' ? { pin: MODERN_REVISION } : 'legacy' } },
  );
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', hubUrl), {
    requestInit: {
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...options.headers },
    },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  await client.connect(transport);
  return client;
}

/** The names of the tools a client is shown, sorted. */
export async function toolNames(client: Client): Promise<string[]> {
  return (await client.listTools()).tools.map((t) => t.name).sort();
}

/** One raw JSON-RPC POST to /mcp (for what an SDK client never sends: batches, foreign origins). */
export async function mcpPost(
  hubUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(new URL('/mcp', hubUrl), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...headers,
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** A tool result's problem (what the REST call would have answered as an error). */
export function problemOf(result: { isError?: boolean; content?: unknown }): Record<string, unknown> {
  const first = (result.content as { type: string; text?: string }[] | undefined)?.[0];
  if (!result.isError || first?.type !== 'text') throw new Error(`not a refusal: ${JSON.stringify(result)}`);
  return JSON.parse(first.text!) as Record<string, unknown>;
}
