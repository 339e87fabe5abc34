import { type FetchLike } from '@modelcontextprotocol/client';
import { type Client } from '@modelcontextprotocol/client';
import { type Sandbox, startSandbox } from '../../../sandbox/sandbox.server';
import { type HubProcess, pgSchema, startHub, tearDownHubs, writeHubConfig } from '../../support/hub-process';
import { type McpEra, mcpClient, problemOf } from '../../support/mcp-client';
import { uniquePrefix } from '../../support/redis-prefix';

jest.setTimeout(90_000);

const BOT = 'demo-bot-key';
const HELPDESK = 'demo-helpdesk-key';

/**
 * docs/agents/mcp.md "Behind a load balancer": two hub processes on one Redis and one PostgreSQL,
 * and the official MCP client behind a round-robin balancer with no session affinity: every
 * request goes to the other process than the one before. Nothing an MCP exchange needs lives in
 * one process, so each is answered.
 */
describe('MCP behind a round-robin load balancer: two hub processes, no affinity', () => {
  let sandbox: Sandbox;
  let config: { file: string; remove(): void };
  const schema = pgSchema();
  const prefix = uniquePrefix('mcp-rr');
  let hubs: HubProcess[] = [];
  const clients: Client[] = [];
  let passed = false;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    config = writeHubConfig((doc) => {
      doc.monitoring = { probeIntervalMs: 0 };
    });
    const start = (name: string) =>
      startHub({
        name,
        config: config.file,
        env: { SANDBOX_URL: sandbox.url, DATABASE_SCHEMA: schema.schema, HUB_REDIS_KEY_PREFIX: prefix },
      });
    hubs = await Promise.all([start('hub-1'), start('hub-2')]);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await tearDownHubs({ hubs, passed, sandbox, prefix, schema, config });
  });

  /** A balancer in the client: each request to the other hub, recording who answered what. */
  const balancer = () => {
    const served: { hub: string; status: number; message: string }[] = [];
    let next = 0;
    const fetchVia: FetchLike = async (url, init) => {
      const hub = hubs[next++ % hubs.length];
      const target = new URL(String(url));
      const res = await fetch(`${hub.url}${target.pathname}${target.search}`, init);
      const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { method?: string }) : {};
      served.push({
        hub: hub.name,
        status: res.status,
        message: `${init?.method ?? 'GET'} ${body.method ?? ''}`,
      });
      return res;
    };
    return { served, fetchVia };
  };

  const connect = async (key: string, era: McpEra, fetchVia: FetchLike) => {
    // The URL names the first hub; the balancer sends each request where it likes.
    const client = await mcpClient(hubs[0].url, key, { era, fetch: fetchVia });
    clients.push(client);
    return client;
  };

  it.each<McpEra>(['legacy', 'modern'])(
    'a %s client: handshake, listing and calls land on alternate processes, each answered',
    async (era) => {
      const { served, fetchVia } = balancer();
      const bot = await connect(BOT, era, fetchVia);
      expect((await bot.listTools()).tools.map((t) => t.name)).toEqual(['get_shipment_status']);
      const order = sandbox.world.orders.find((o) => o.number === 1001)!;
      for (let i = 0; i < 4; i++) {
        const result = await bot.callTool({
          name: 'get_shipment_status',
          arguments: { orderNumber: '1001', email: order.email },
        });
        expect(result.structuredContent).toMatchObject({ orderNumber: '1001', status: 'delivered' });
      }
      expect(new Set(served.map((s) => s.hub))).toEqual(new Set(['hub-1', 'hub-2']));
      expect(served.filter((s) => s.message.includes('tools/call')).map((s) => s.hub)).toEqual(
        expect.arrayContaining(['hub-1', 'hub-2']),
      );
      // A 2025 client may open a standing stream with GET; with no sessions the hub answers 405,
      // which the spec lets a client take as "no stream here". Every POST is answered.
      const refused = served.filter((s) => s.status >= 400);
      expect(refused.every((s) => s.message.startsWith('GET') && s.status === 405)).toBe(true);
    },
  );

  it('shares the wrong-factor count between processes: ten wrong tries on either block both', async () => {
    const { served, fetchVia } = balancer();
    const bot = await connect(BOT, 'modern', fetchVia);
    const order = sandbox.world.orders.find((o) => o.number === 1002)!;
    const ask = (args: Record<string, string>) =>
      bot.callTool({ name: 'get_shipment_status', arguments: { orderNumber: '1002', ...args } });
    for (let i = 0; i < 10; i++)
      expect(problemOf(await ask({ postalCode: `WRONG${i}` })).code).toBe('order_not_found');
    expect(problemOf(await ask({ email: order.email })).code).toBe('order_not_found');
    expect(problemOf(await ask({ email: order.email })).code).toBe('order_not_found');
    const calls = served.filter((s) => s.message.includes('tools/call')).map((s) => s.hub);
    expect(calls.filter((h) => h === 'hub-1').length).toBeGreaterThan(0);
    expect(calls.filter((h) => h === 'hub-2').length).toBeGreaterThan(0);
  });

  it('takes an action on one process and reads it on the other', async () => {
    const { fetchVia } = balancer();
    const desk = await connect(HELPDESK, 'modern', fetchVia);
    const requested = await desk.callTool({
      name: 'request_action',
      arguments: {
        orderNumber: '1001',
        idempotencyKey: `rr-${prefix}`,
        action: { type: 'note', text: 'Noted through the balancer.' },
      },
    });
    const id = (requested.structuredContent as { id: string }).id;
    const read = await desk.callTool({ name: 'get_action', arguments: { id } });
    expect(read.structuredContent).toMatchObject({ id, type: 'note', orderNumber: '1001' });
    passed = true;
  });
});
