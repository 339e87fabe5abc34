import { type Sandbox } from '../../../sandbox/sandbox.server';

/** A fixed "now" so times in assertions are stable. */
export const ANCHOR = new Date('2025-06-01T12:00:00Z');
export const TOKEN = 'shpat_sandbox';
export const GRAPHQL_PATH = '/admin/api/2025-10/graphql.json';

export interface GraphqlReply {
  status: number;
  body: any;
}

export async function graphql(
  sandbox: Sandbox,
  query: string,
  variables?: Record<string, unknown>,
  init: { token?: string; signal?: AbortSignal } = {},
): Promise<GraphqlReply> {
  const res = await fetch(sandbox.url + GRAPHQL_PATH, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': init.token ?? TOKEN },
    body: JSON.stringify({ query, variables }),
    signal: init.signal,
  });
  return { status: res.status, body: await res.json() };
}

export async function control(sandbox: Sandbox, method: string, path: string, body?: unknown) {
  const res = await fetch(sandbox.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}
