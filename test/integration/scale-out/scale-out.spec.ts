import { randomUUID } from 'node:crypto';
import { type Sandbox, startSandbox } from '../../../sandbox/sandbox.server';
import { type Order } from '../../../sandbox/world/world.types';
import {
  type HubProcess,
  metricSum,
  pgSchema,
  startHub,
  tearDownHubs,
  writeHubConfig,
} from '../../support/hub-process';
import { uniquePrefix } from '../../support/redis-prefix';
import { until } from '../../support/hub-harness';

jest.setTimeout(90_000);

const HELPDESK = 'demo-helpdesk-key';
const ADMIN = 'demo-admin-key';
const UNFINISHED = ['queued', 'running', 'retrying'];

/** Sum of hub_actions_total samples with this status, from a /metrics text. */
const actionsCounted = (metrics: string, status: string) =>
  metricSum(metrics, 'hub_actions_total', [`status="${status}"`]);

/**
 * docs/operations.md "Processes": stateless API processes and a worker from the same build, sharing
 * Redis and PostgreSQL. Two API processes (HUB_ROLE=api) accept actions, one worker
 * (HUB_ROLE=worker) runs them; the sandbox's write ledger proves each landed exactly once.
 */
describe('scale-out: 2 API processes + 1 worker on one Redis prefix and one PostgreSQL schema', () => {
  let sandbox: Sandbox;
  let config: { file: string; remove(): void };
  const schema = pgSchema();
  const prefix = uniquePrefix('scale-out');
  let apis: HubProcess[] = [];
  let worker: HubProcess | undefined;
  let passed = false;

  const start = (name: string, role: 'api' | 'worker') =>
    startHub({
      name,
      config: config.file,
      env: {
        HUB_ROLE: role,
        SANDBOX_URL: sandbox.url,
        DATABASE_SCHEMA: schema.schema,
        HUB_REDIS_KEY_PREFIX: prefix,
      },
    });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    config = writeHubConfig((doc) => {
      doc.actions = {
        attempts: 3,
        backoffMs: 100,
        maxBackoffMs: 500,
        callTimeoutMs: 5_000,
        stalledAfterMs: 2_000,
        reconcileIntervalMs: 1_000,
      };
      doc.monitoring = { probeIntervalMs: 0 };
    });
    apis = await Promise.all([start('api-1', 'api'), start('api-2', 'api')]);
  });

  afterAll(async () => {
    const hubs = [...apis, ...(worker ? [worker] : [])];
    await tearDownHubs({ hubs, passed, sandbox, prefix, schema, config });
  });

  it('accepts on either API process, runs only on the worker, writes each action exactly once', async () => {
    const paid = (o: Order) =>
      !o.omsMissing &&
      !o.cancellation &&
      o.refunds.length === 0 &&
      o.currency === 'USD' &&
      o.payments.some((p) => p.outcome === 'succeeded' && p.capture === 'automatic' && !p.dispute);
    const inShopify = sandbox.world.orders.filter((o) => !o.omsMissing);
    const refundable = sandbox.world.orders.filter(paid).slice(0, 8);
    expect(refundable).toHaveLength(8);
    const requests: { order: number; body: Record<string, unknown> }[] = [
      ...Array.from({ length: 32 }, (_, i) => ({
        order: inShopify[i % 8].number,
        body: { type: 'note', text: `Scale-out note ${i + 1}.` },
      })),
      ...refundable.map((o) => ({
        order: o.number,
        body: {
          type: 'refund',
          amount: { amount: '5.00', currency: 'USD' },
          reason: 'requested_by_customer',
          connector: 'stripe',
        },
      })),
    ];

    // Every 5th request goes to BOTH API processes at once with the same Idempotency-Key.
    const submit = async (r: (typeof requests)[number], i: number) => {
      const key = randomUUID();
      const send = (api: HubProcess) =>
        api.post(`/v1/orders/${r.order}/actions`, r.body, HELPDESK, { 'idempotency-key': key });
      if (i % 5 === 0) {
        const [a, b] = await Promise.all([send(apis[0]), send(apis[1])]);
        expect([a.status, b.status]).toEqual([202, 202]);
        expect(b.body.id).toBe(a.body.id);
        return a.body.id as string;
      }
      const res = await send(apis[i % 2]);
      expect(res.status).toBe(202);
      return res.body.id as string;
    };
    const ids = await Promise.all(requests.map(submit));
    expect(new Set(ids).size).toBe(requests.length);

    // No worker yet: the actions wait in the queues, nothing reaches a vendor. Every job waiting in
    // its queue, none taken, is what proves no process runs them (rather than a pause).
    type Interfaces = { connector: string; queue?: { waiting: number; active: number } }[];
    const queues = async () => {
      const interfaces = (await apis[0].get('/v1/interfaces', ADMIN)).body as Interfaces;
      const queue = (id: string) => interfaces.find((i) => i.connector === id)?.queue;
      return { shopify: queue('shopify'), stripe: queue('stripe') };
    };
    const seen = await until(queues, (q) => q.shopify?.waiting === 32 && q.stripe?.waiting === 8, 10_000);
    expect(seen).toEqual({
      shopify: expect.objectContaining({ waiting: 32, active: 0 }),
      stripe: expect.objectContaining({ waiting: 8, active: 0 }),
    });
    const waiting = await Promise.all(ids.map((id, i) => apis[i % 2].get(`/v1/actions/${id}`, HELPDESK)));
    expect(waiting.map((r) => r.body.status)).toEqual(ids.map(() => 'queued'));
    expect(sandbox.writes().writes).toEqual([]);

    const started = Date.now();
    worker = await start('worker', 'worker');
    const read = () => Promise.all(ids.map((id, i) => apis[i % 2].get(`/v1/actions/${id}`, HELPDESK)));
    let actions = await read();
    while (actions.some((a) => UNFINISHED.includes(a.body.status)) && Date.now() - started < 40_000) {
      await new Promise((r) => setTimeout(r, 200));
      actions = await read();
    }
    const statuses = actions.map((a) => `${a.body.id}:${a.body.status}`);
    expect(statuses).toEqual(ids.map((id) => `${id}:succeeded`));

    // The vendor ledger: one write per action, none twice, none missing, nothing else.
    const writes = sandbox.writes().writes;
    const perAction = new Map<string, number>();
    for (const w of writes) perAction.set(w.key ?? '(no key)', (perAction.get(w.key ?? '(no key)') ?? 0) + 1);
    expect(Object.fromEntries(perAction)).toEqual(Object.fromEntries(ids.map((id) => [id, 1])));

    // Only the worker ran them (the counter counts a success in the process that ran it).
    const metrics = (hub: HubProcess) => hub.get('/metrics', ADMIN).then((r) => String(r.body));
    expect(actionsCounted(await metrics(worker), 'succeeded')).toBe(requests.length);
    for (const api of apis) expect(actionsCounted(await metrics(api), 'succeeded')).toBe(0);
    console.warn(
      `scale-out: ${ids.length} actions via 2 API processes (${requests.length / 5} sent to both at once), ` +
        `all succeeded on 1 worker in ${Date.now() - started} ms (incl. worker boot), ${writes.length} vendor writes`,
    );
    passed = true;
  });
});
