import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { type Client } from '@modelcontextprotocol/client';
import { Client as V1Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as V1Transport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { type Order } from '../../sandbox/world/world.types';
import { type Harness, KEYS, quickActions, startHarness, until } from '../support/hub-harness';
import {
  type McpEra,
  MODERN_REVISION,
  mcpClient,
  mcpPost,
  problemOf,
  toolNames,
} from '../support/mcp-client';

const ALL_TOOLS = [
  'get_action',
  'get_customer_context',
  'get_order_context',
  'get_shipment_status',
  'request_action',
];
const NARROW_KEY = 'interfaces-only-key-01';
const AGENT_ORIGIN = 'https://agents.example.com';

/** The MCP server at /mcp, driven by the official MCP client SDK against a live hub on the sandbox. */
describe('MCP server at /mcp (official client, hub + sandbox over HTTP)', () => {
  let hub: Harness;
  const clients: Client[] = [];
  const connect = async (
    key: string | undefined,
    era: McpEra = 'legacy',
    headers?: Record<string, string>,
  ) => {
    const client = await mcpClient(hub.hubUrl, key, { era, headers });
    clients.push(client);
    return client;
  };
  const order = (n: number) => hub.world.orders.find((o) => o.number === n)!;

  beforeAll(async () => {
    hub = await startHarness((c) => {
      c.mcp.allowedOrigins = [AGENT_ORIGIN];
      quickActions(c);
      c.apiKeys.push({ name: 'interfaces-only', key: NARROW_KEY, scopes: ['interfaces:read'] });
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await hub.close();
  });

  describe.each<McpEra>(['legacy', 'modern'])('a %s client', (era) => {
    it('speaks its revision and is shown only the tools its key’s scopes allow', async () => {
      const bot = await connect(KEYS.bot, era);
      expect(bot.getNegotiatedProtocolVersion()).toBe(era === 'modern' ? MODERN_REVISION : '2025-11-25');
      expect(await toolNames(bot)).toEqual(['get_shipment_status']);
      // The list never changes while a request is served: no standing stream is offered.
      expect(bot.getServerCapabilities()?.tools?.listChanged).toBeFalsy();
      expect(await toolNames(await connect(KEYS.helpdesk, era))).toEqual([
        'get_action',
        'get_customer_context',
        'get_order_context',
        'request_action',
      ]);
      expect(await toolNames(await connect(KEYS.backoffice, era))).toEqual(['get_action', 'request_action']);
      expect(await toolNames(await connect(KEYS.admin, era))).toEqual(ALL_TOOLS);
    });

    it('answers where an order is exactly as REST does, in the language asked', async () => {
      const bot = await connect(KEYS.bot, era);
      const email = order(1037).email;
      const result = await bot.callTool({
        name: 'get_shipment_status',
        arguments: { orderNumber: '#1037', email, locale: 'de-CH' },
      });
      expect(result.isError).toBeFalsy();
      const rest = await hub.get(
        `/v1/shipments/status?orderNumber=1037&email=${encodeURIComponent(email)}&locale=de-CH`,
        KEYS.bot,
      );
      const withoutTimes = (a: any) => ({ ...a, sources: a.sources.map((s: any) => s.connector) });
      expect(withoutTimes(result.structuredContent)).toEqual(withoutTimes(rest.body));
      expect(result.structuredContent).toMatchObject({ locale: 'de', status: 'exception', escalate: true });
      // The text block carries the same answer for clients that read only text.
      expect(JSON.parse((result.content as { text: string }[])[0].text)).toEqual(result.structuredContent);
    });

    it('refuses a wrong second factor exactly like an unknown order, and a call without one', async () => {
      const bot = await connect(KEYS.bot, era);
      // Each era its own order: wrong tries count per order (ten an hour).
      const orderNumber = era === 'legacy' ? '1001' : '1006';
      const call = (args: Record<string, unknown>) =>
        bot.callTool({ name: 'get_shipment_status', arguments: args });
      const wrong = problemOf(await call({ orderNumber, email: 'someone.else@example.com' }));
      const unknown = problemOf(await call({ orderNumber: '999999', email: 'someone.else@example.com' }));
      const wrongPostal = problemOf(await call({ orderNumber, postalCode: 'SW1A1AA' }));
      expect(wrong).toEqual({
        code: 'order_not_found',
        status: 404,
        title: 'Order not found',
        detail: 'No order matches this order number and second factor.',
      });
      expect(unknown).toEqual(wrong);
      expect(wrongPostal).toEqual(wrong);
      const noFactor = await call({ orderNumber });
      expect(noFactor.isError).toBe(true);
      expect(JSON.stringify(noFactor.content)).toContain('give email or postalCode as the second factor');
    });
  });

  it("refuses a tool the key's scopes do not allow, as REST answers 403, and audits it so", async () => {
    for (const era of ['legacy', 'modern'] as const) {
      const bot = await connect(KEYS.bot, era);
      for (const name of ['get_order_context', 'request_action']) {
        const outcome = await bot
          .callTool({
            name,
            arguments: {
              orderNumber: '1008',
              idempotencyKey: randomUUID(),
              action: { type: 'note', text: 'x' },
            },
          })
          .then(
            (r) => ({ refused: r.isError === true, text: JSON.stringify(r) }),
            (e: Error) => ({ refused: true, text: e.message }),
          );
        expect(outcome.refused).toBe(true);
        expect(outcome.text).not.toContain(order(1008).email);
      }
    }
    expect((await hub.writes()).writes.filter((w) => w.orderNumber === '1008')).toEqual([]);
    const rows = await until(
      async () =>
        (await hub.get('/v1/audit?route=/mcp&apiKey=demo-bot&outcome=forbidden', KEYS.admin)).body
          .events as any[],
      (events) => events?.length === 4,
    );
    expect(rows.map((r) => [r.status, r.detail]).sort()).toEqual([
      [403, 'tools/call get_order_context'],
      [403, 'tools/call get_order_context'],
      [403, 'tools/call request_action'],
      [403, 'tools/call request_action'],
    ]);
  });

  it('stops answering an order after ten wrong second factors, over MCP as over REST', async () => {
    const bot = await connect(KEYS.bot, 'modern');
    const right = { orderNumber: '1003', email: order(1003).email };
    expect((await bot.callTool({ name: 'get_shipment_status', arguments: right })).isError).toBeFalsy();
    for (let i = 0; i < 10; i++) {
      const wrong = await bot.callTool({
        name: 'get_shipment_status',
        arguments: { orderNumber: '1003', postalCode: `WRONG${i}` },
      });
      expect(problemOf(wrong).code).toBe('order_not_found');
    }
    expect(problemOf(await bot.callTool({ name: 'get_shipment_status', arguments: right })).code).toBe(
      'order_not_found',
    );
    // The REST door counts the same attempts.
    const rest = await hub.get(`/v1/shipments/status?orderNumber=1003&email=${right.email}`, KEYS.bot);
    expect(rest.status).toBe(404);
  });

  it('gives the order and customer context with personal data to a context:read key, as REST does', async () => {
    const desk = await connect(KEYS.helpdesk, 'modern');
    const result = await desk.callTool({ name: 'get_order_context', arguments: { orderNumber: '1037' } });
    const rest = (await hub.get('/v1/orders/1037/context', KEYS.helpdesk)).body;
    const context = result.structuredContent as any;
    expect(context.order).toEqual(rest.order);
    expect(context.customer).toEqual(rest.customer);
    expect(context.customer.email).toBe(order(1037).email);
    expect(context.insights).toEqual(rest.insights);
    expect(context.cases).toEqual(rest.cases);

    const byEmail = await desk.callTool({
      name: 'get_customer_context',
      arguments: { email: order(1037).email, limit: 2 },
    });
    const customer = byEmail.structuredContent as any;
    expect(customer.customer.email).toBe(order(1037).email);
    expect(customer.orders.length).toBeLessThanOrEqual(2);

    const nobody = await desk.callTool({
      name: 'get_customer_context',
      arguments: { email: 'nobody.here@example.com' },
    });
    expect(problemOf(nobody)).toMatchObject({ code: 'customer_not_found', status: 404 });
    const both = await desk.callTool({
      name: 'get_customer_context',
      arguments: { email: 'a@example.com', phone: '+12125550143' },
    });
    expect(JSON.stringify(both.content)).toContain('give either email or phone');
  });

  it('requests actions idempotently, with the key’s refund limit and approvals', async () => {
    const desk = await connect(KEYS.helpdesk, 'modern');
    const request = (idempotencyKey: string, action: Record<string, unknown>, orderNumber = '1001') =>
      desk.callTool({ name: 'request_action', arguments: { orderNumber, idempotencyKey, action } });

    const key = randomUUID();
    const note = { type: 'note', text: 'Agent: customer asked about the delivery date.' };
    const first = (await request(key, note)).structuredContent as any;
    expect(first).toMatchObject({
      status: 'queued',
      type: 'note',
      orderNumber: '1001',
      connector: 'shopify',
    });
    const again = (await request(key, note)).structuredContent as any;
    expect(again.id).toBe(first.id);
    expect(problemOf(await request(key, { ...note, text: 'Something else.' }))).toMatchObject({
      code: 'idempotency_key_reused',
      status: 409,
    });
    const done = await until(
      async () =>
        (await desk.callTool({ name: 'get_action', arguments: { id: first.id } })).structuredContent as any,
      (a) => a.status === 'succeeded',
    );
    expect(done).toMatchObject({ status: 'succeeded', result: { summary: expect.any(String) } });
    expect((await hub.writes()).writes.filter((w) => w.key === first.id)).toHaveLength(1);

    // Above the helpdesk key's 100.00 limit: waits for a person's approval, as over REST.
    const paid = (o: Order) =>
      !o.omsMissing &&
      !o.cancellation &&
      o.refunds.length === 0 &&
      o.currency === 'USD' &&
      o.payments.some(
        (p) => p.outcome === 'succeeded' && p.capture === 'automatic' && !p.dispute && p.amount > 150,
      );
    const big = hub.world.orders.find(paid)!;
    const refund = await request(
      randomUUID(),
      { type: 'refund', amount: { amount: '150.00', currency: 'USD' } },
      String(big.number),
    );
    expect(refund.structuredContent).toMatchObject({ status: 'manual', taskId: expect.any(String) });

    // Another key's action reads like a missing one.
    const other = await connect(KEYS.backoffice, 'modern');
    expect(
      problemOf(await other.callTool({ name: 'get_action', arguments: { id: first.id } })),
    ).toMatchObject({
      code: 'action_not_found',
    });
  });

  it('records every tool call in the audit trail like the REST call: key, subject, status, outcome', async () => {
    const bot = await connect(KEYS.bot, 'modern');
    await bot.callTool({
      name: 'get_shipment_status',
      arguments: { orderNumber: '1004', email: order(1004).email },
    });
    await bot.callTool({
      name: 'get_shipment_status',
      arguments: { orderNumber: '1004', postalCode: 'NOPE1' },
    });
    const rows = await until(
      async () => (await hub.get('/v1/audit?route=/mcp&orderNumber=1004', KEYS.admin)).body.events as any[],
      (items) => items?.length === 2,
    );
    expect(rows.map((r) => [r.apiKey, r.status, r.outcome, r.detail]).sort()).toEqual([
      ['demo-bot', 200, 'ok', 'tools/call get_shipment_status'],
      ['demo-bot', 404, 'not_found', 'tools/call get_shipment_status'],
    ]);
    const desk = await connect(KEYS.helpdesk, 'modern');
    await desk.callTool({ name: 'get_customer_context', arguments: { email: order(1004).email } });
    const byCustomer = await until(
      async () =>
        (await hub.get(`/v1/audit?route=/mcp&email=${encodeURIComponent(order(1004).email)}`, KEYS.admin))
          .body.events as any[],
      (items) => items?.length === 1,
    );
    expect(byCustomer[0]).toMatchObject({ apiKey: 'demo-helpdesk', status: 200 });
  });

  it('answers 401 with WWW-Authenticate without a key or with a wrong one, 403 without a tool scope', async () => {
    const initialize = {
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } },
    };
    const none = await mcpPost(hub.hubUrl, initialize);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="context-hub"');
    const wrong = await mcpPost(hub.hubUrl, initialize, { authorization: 'Bearer not-a-key-at-all' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer realm="context-hub", error="invalid_token"');
    const narrow = await mcpPost(hub.hubUrl, initialize, { authorization: `Bearer ${NARROW_KEY}` });
    expect(narrow.status).toBe(403);
    expect(narrow.headers.get('www-authenticate')).toContain('error="insufficient_scope"');
    await expect(mcpClient(hub.hubUrl, undefined)).rejects.toThrow();
    await expect(mcpClient(hub.hubUrl, 'not-a-key-at-all', { era: 'modern' })).rejects.toThrow();
  });

  it('refuses a foreign Origin with 403 before anything else, and serves a listed one', async () => {
    const list = { jsonrpc: '2.0', id: 1, method: 'tools/list' };
    const headers = { authorization: `Bearer ${KEYS.bot}`, 'mcp-protocol-version': '2025-06-18' };
    const foreign = await mcpPost(hub.hubUrl, list, { ...headers, origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.text)).toMatchObject({ code: 'origin_not_allowed' });
    // Even without a key: the Origin is checked first.
    expect((await mcpPost(hub.hubUrl, list, { origin: 'https://evil.example' })).status).toBe(403);
    // However the path is written: the router decodes it, and so does the check.
    const encoded = await fetch(`${hub.hubUrl}/%6dcp`, {
      method: 'POST',
      headers: {
        ...headers,
        origin: 'https://evil.example',
        'content-type': 'application/json',
        accept: 'application/json, text/event-stream',
      },
      body: JSON.stringify(list),
    });
    expect(encoded.status).toBe(403);
    await encoded.text();
    const listed = await connect(KEYS.bot, 'legacy', { origin: AGENT_ORIGIN });
    expect(await toolNames(listed)).toEqual(['get_shipment_status']);
    // A browser client of a listed origin: its preflight is answered, and it may read the answers.
    const preflight = await fetch(`${hub.hubUrl}/mcp`, {
      method: 'OPTIONS',
      headers: {
        origin: AGENT_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, mcp-protocol-version',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(AGENT_ORIGIN);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    const answered = await mcpPost(hub.hubUrl, list, { ...headers, origin: AGENT_ORIGIN });
    expect(answered.status).toBe(200);
    expect(answered.headers.get('access-control-allow-origin')).toBe(AGENT_ORIGIN);
    expect(answered.headers.get('access-control-expose-headers')).toContain('www-authenticate');
  });

  it('answers whatever the Host header says, without a server error', async () => {
    for (const host of ['x:99999', '[::1', 'a b']) {
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${hub.hubUrl}/mcp`, {
          method: 'POST',
          headers: {
            host,
            authorization: `Bearer ${KEYS.bot}`,
            'content-type': 'application/json',
            accept: 'application/json, text/event-stream',
            'mcp-protocol-version': '2025-06-18',
          },
        });
        req.on('response', (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }));
      });
      expect([host, status < 500]).toEqual([host, true]);
    }
  });

  it('refuses batches and answers GET and DELETE with 405: there are no sessions', async () => {
    const headers = { authorization: `Bearer ${KEYS.bot}` };
    const batch = await mcpPost(hub.hubUrl, [{ jsonrpc: '2.0', id: 1, method: 'tools/list' }], headers);
    expect(batch.status).toBe(400);
    expect(JSON.parse(batch.text)).toMatchObject({ error: { code: -32600 } });
    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(`${hub.hubUrl}/mcp`, {
        method,
        headers: { ...headers, accept: 'text/event-stream' },
      });
      expect(res.status).toBe(405);
      await res.text();
    }
  });

  it('serves a client of the v1 SDK (2025 revisions), as most agents ship it', async () => {
    const client = new V1Client({ name: 'v1-agent', version: '1.0.0' });
    await client.connect(
      new V1Transport(new URL('/mcp', hub.hubUrl), {
        requestInit: { headers: { authorization: `Bearer ${KEYS.bot}` } },
      }),
    );
    try {
      expect((await client.listTools()).tools.map((t) => t.name)).toEqual(['get_shipment_status']);
      const result = await client.callTool({
        name: 'get_shipment_status',
        arguments: { orderNumber: '1001', email: order(1001).email, locale: 'fr' },
      });
      expect(result.structuredContent).toMatchObject({ orderNumber: '1001', locale: 'fr' });
    } finally {
      await client.close();
    }
  });
});

/** Rate limits: a tool call counts like the REST request it stands for; protocol messages do not. */
describe('MCP tool calls and the API key rate limit', () => {
  let hub: Harness;
  let client: Client | undefined;
  beforeAll(async () => {
    hub = await startHarness((c) => {
      c.rateLimit = { ...c.rateLimit, requests: 4, windowSeconds: 60 };
    });
  });
  afterAll(async () => {
    await client?.close();
    await hub.close();
  });

  it('counts each MCP request against the key like a REST request, notifications not, and answers 429', async () => {
    // initialize (1; its notifications/initialized is not counted), tools/list (2), a call (3),
    // a REST call with the same key (4): the budget of 4 is spent, and the next call is refused.
    client = await mcpClient(hub.hubUrl, KEYS.bot);
    expect((await client.listTools()).tools).toHaveLength(1);
    const email = hub.world.orders.find((o) => o.number === 1001)!.email;
    const call = () =>
      client!.callTool({ name: 'get_shipment_status', arguments: { orderNumber: '1001', email } });
    expect((await call()).isError).toBeFalsy();
    expect((await hub.get(`/v1/shipments/status?orderNumber=1001&email=${email}`, KEYS.bot)).status).toBe(
      200,
    );
    await expect(call()).rejects.toThrow(/429/);
  });
});

describe('MCP switched off (mcp.enabled: false)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness(
      (c) => {
        c.mcp.enabled = false;
      },
      { only: ['shopify'] },
    );
  });
  afterAll(() => hub.close());

  it('has no /mcp route, and REST answers as before', async () => {
    const res = await mcpPost(
      hub.hubUrl,
      { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      {
        authorization: `Bearer ${KEYS.admin}`,
      },
    );
    expect(res.status).toBe(404);
    expect((await hub.get('/v1/interfaces', KEYS.admin)).status).toBe(200);
  });
});
