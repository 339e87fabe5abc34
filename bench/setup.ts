/**
 * What the read-path benchmark (context.bench.ts) and the profiler (profile.ts) set up alike: the
 * sandbox in its own process with every vendor answering after a fixed latency, the hub's
 * config for a run, the requests about the sandbox's orders, and a load that walks them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { parse, stringify } from 'yaml';
import { buildWorld } from '../sandbox/world/world';
import { DEFAULT_BUDGETS } from '../src/budgets/budget.defaults';
import { startNode } from './processes';
import { SMOKE } from './smoke';

export type Requests = { method: 'GET'; path: string; headers: Record<string, string> }[];

/** Requests per connection of each load in smoke mode (bench/smoke.ts). */
const SMOKE_REQUESTS_PER_CONNECTION = 2;

/** Starts bench/sandbox-process.ts on `port` and slows every vendor to `latencyMs`; returns the vendors. */
export async function startSlowSandbox(root: string, port: number, latencyMs: number) {
  const url = `http://127.0.0.1:${port}`;
  const process = await startNode(
    join(root, 'bench/sandbox-process.ts'),
    { SANDBOX_PORT: String(port) },
    `${url}/_sandbox/faults`,
    ['-r', '@swc-node/register'],
  );
  const vendors = Object.keys((await (await fetch(`${url}/_sandbox/faults`)).json()) as object);
  await setVendorLatency(url, vendors, latencyMs);
  return { process, url, vendors };
}

/**
 * Every vendor of the sandbox at `url` answers after `latencyMs` plus a uniform [0, jitterMs), on
 * every operation: the sandbox's latency faults (`PUT /_sandbox/faults/{vendor}`, sandbox/README.md).
 */
export async function setVendorLatency(
  url: string,
  vendors: string[],
  latencyMs: number,
  jitterMs = 0,
): Promise<void> {
  for (const vendor of vendors) {
    const res = await fetch(`${url}/_sandbox/faults/${vendor}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ latencyMs, jitterMs, operations: [] }),
    });
    if (!res.ok) throw new Error(`PUT /_sandbox/faults/${vendor}: ${res.status} ${await res.text()}`);
  }
}

/**
 * config/sandbox.yaml with copies fresh for `freshSeconds` (0: nothing cached), written to `dir`
 * (as `<name>.yaml`, default `hub-fresh-<freshSeconds>`). The per-key limit still counts every
 * request (one Redis call, as deployed) but never refuses one; so do the vendor budgets of the
 * connectors that keep one by default (counted in Redis, as deployed): the sandbox's vendors keep no rate limits but Shopify's bucket,
 * which the bench's sandbox makes too large to run dry (sandbox-process.ts). The hub's SQLite file (audit trail)
 * is in `dir` too, not in the working tree's data/. Everything else (the request deadline among
 * it) stays as config/sandbox.yaml has it.
 */
export function hubConfigFile(
  root: string,
  dir: string,
  freshSeconds: number,
  name = `hub-fresh-${freshSeconds}`,
  /** Settings of `context:` to replace (e.g. rememberIdsSeconds). */
  context: Record<string, number> = {},
): string {
  const doc = parse(readFileSync(join(root, 'config/sandbox.yaml'), 'utf8'));
  doc.database = { ...doc.database, url: `sqlite:${join(dir, `${name}.sqlite`)}` };
  doc.lastGood = { ...doc.lastGood, freshSeconds };
  if (Object.keys(context).length) doc.context = { ...doc.context, ...context };
  doc.rateLimit = { requests: 1_000_000, windowSeconds: 1 };
  const unlimited = {
    overall: { limit: 1_000_000, perSeconds: 1 },
    search: { limit: 1_000_000, perSeconds: 1 },
  };
  // Out of reach, but still counted in Redis, for the connectors that keep a budget as deployed
  // (Shopify keeps none by default: its bucket is reported in every reply; docs/budgets.md).
  const counted = Object.entries(doc.connectors as Record<string, { type: string }>).filter(
    ([, c]) => c.type in DEFAULT_BUDGETS,
  );
  doc.budgets = { connectors: Object.fromEntries(counted.map(([id]) => [id, unlimited])) };
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(doc));
  return file;
}

/**
 * The order context and bot status requests about every order of the sandbox's world (same seed,
 * same day; `numbers[i]` is the order of `context[i]` and `bot[i]`), and the customer context of
 * each of its customers by email.
 */
export function sandboxRequests(): {
  context: Requests;
  bot: Requests;
  customer: Requests;
  orders: number;
  numbers: number[];
  /** The customer context about each order's customer, in the order of `numbers`. */
  customerOf: Requests;
} {
  const world = buildWorld({ seed: 42, anchor: new Date() });
  const orders = world.orders.filter((o) => !o.omsMissing);
  const helpdesk = { authorization: 'Bearer demo-helpdesk-key' };
  const bot = { authorization: 'Bearer demo-bot-key' };
  const customerContext = (email: string) => ({
    method: 'GET' as const,
    path: `/v1/customers/context?email=${encodeURIComponent(email)}`,
    headers: helpdesk,
  });
  return {
    orders: orders.length,
    numbers: orders.map((o) => o.number),
    customer: world.customers.map((c) => customerContext(c.email)),
    customerOf: orders.map((o) => customerContext(o.email)),
    context: orders.map((o) => ({
      method: 'GET',
      path: `/v1/orders/${o.number}/context`,
      headers: helpdesk,
    })),
    bot: orders.map((o) => ({
      method: 'GET',
      path: `/v1/shipments/status?orderNumber=${o.number}&email=${encodeURIComponent(o.email)}`,
      headers: bot,
    })),
  };
}

/**
 * Every connection takes the next order of one shared round (autocannon's own `requests` would
 * walk each connection through the list from the start, so all connections would ask about the
 * same order at the same moment: a herd that the help desks' single flight and the copies absorb
 * and no real desk produces). So the answers in flight are about different orders.
 */
export function load(
  url: string,
  requests: Requests,
  connections: number,
  /** Seconds (in smoke mode, a couple of requests per connection instead). */
  duration: number,
  onResponse?: (status: number, body: string) => void,
): Promise<autocannon.Result> {
  let next = 0;
  const rotating: autocannon.Request = {
    method: 'GET',
    setupRequest: (request) => {
      const { path, headers } = requests[next++ % requests.length];
      return { ...request, path, headers };
    },
    onResponse: onResponse ? (status, body) => onResponse(status, body) : undefined,
  };
  // In smoke mode a fixed number of requests, and samples every 100 ms so the run ends right after them.
  const length = SMOKE
    ? { amount: connections * SMOKE_REQUESTS_PER_CONNECTION, sampleInt: 100 }
    : { duration };
  return autocannon({ url, connections, ...length, requests: [rotating], pipelining: 1 });
}
