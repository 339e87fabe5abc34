import nock from 'nock';
import { shipbobConnector } from '../../../connectors/shipbob';
import { type Connector } from '../../../src/connectors/contract';
import { type Json, shipbobReply } from '../../fixtures/shipbob';
import { failure } from '../../support/connector-failure';

/** nock answers as ShipBob itself; test/setup/nock-restore.ts keeps each file's nock to itself. */
const API = 'https://api.shipbob.com';
const V = '/2026-01';

interface Sent {
  path: string;
  authorization?: string;
  channel?: string;
}

function create(overrides: Record<string, unknown> = {}, warn: jest.Mock = jest.fn()): Connector {
  const options = shipbobConnector.optionsSchema.parse({ accessToken: 'pat_test', ...overrides });
  return shipbobConnector.create(options, { id: 'shipbob', logger: { debug() {}, warn } });
}

/** Intercepts one GET, records what was sent, and answers with `status`/`body`. */
function answer(
  sent: Sent[],
  path: string,
  query: Record<string, string> | true,
  status: number,
  body: Json,
  headers: Record<string, string> = {},
  host = API,
) {
  return nock(host)
    .get(path)
    .query(query)
    .reply(function (uri) {
      sent.push({
        path: uri,
        authorization: this.req.headers.authorization as string | undefined,
        channel: this.req.headers.shipbob_channel_id as string | undefined,
      });
      return [
        status,
        typeof body === 'string' ? body : JSON.stringify(body),
        { 'Content-Type': 'application/json', ...headers },
      ];
    });
}

const ORDER_QUERY = { ReferenceIds: '1001' };
const TRACKED = { ShipmentIds: '195520311,195520312' };

describe('ShipBobConnector (REST API 2026-01 via nock)', () => {
  let connector: Connector;
  let sent: Sent[];

  beforeEach(() => {
    sent = [];
    connector = create();
  });

  afterEach(async () => {
    await connector.close?.();
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  it('finds the order by reference id and attaches the tracking of its tracked shipments', async () => {
    const orders = shipbobReply('orders-1001');
    const tracking = shipbobReply('tracking-1001');
    answer(sent, `${V}/order`, ORDER_QUERY, 200, orders);
    answer(sent, `${V}/shipments-tracking`, TRACKED, 200, tracking);

    const found = await connector.orderByNumber!('1001');

    expect(sent).toEqual([
      { path: `${V}/order?ReferenceIds=1001`, authorization: 'Bearer pat_test', channel: undefined },
      {
        path: `${V}/shipments-tracking?ShipmentIds=195520311,195520312`,
        authorization: 'Bearer pat_test',
        channel: undefined,
      },
    ]);
    const [delivered, inTransit, processing] = orders[0].shipments;
    expect(found).toEqual({
      resource: 'order',
      payload: {
        ...orders[0],
        shipments: [
          { ...delivered, shipment_tracking: tracking[0] },
          { ...inTransit, shipment_tracking: tracking[1] },
          processing, // no tracking number: not asked about
        ],
      },
    });
    expect(nock.isDone()).toBe(true);
  });

  it('finds several orders in one call and tracks all their shipments in one more', async () => {
    const [base] = shipbobReply('orders-1001') as Record<string, unknown>[];
    const shipments = base.shipments as { id: number }[];
    const order = (ref: string, id: number, shipmentIds: number[]) => ({
      ...base,
      id,
      reference_id: ref,
      shipments: shipments.map((sh, i) => ({ ...sh, id: shipmentIds[i] })),
    });
    const first = order('1001', 1, [11, 12, 13]);
    const second = order('1002', 2, [21, 22, 23]);
    const longer = order('10010', 3, [31, 32, 33]); // ReferenceIds matches it too; not asked about
    answer(sent, `${V}/order`, { ReferenceIds: '1001,1002,1003', Limit: '250' }, 200, [
      longer,
      second,
      first,
    ]);
    // The first two shipments of each order have a tracking number (orders-1001.json).
    answer(sent, `${V}/shipments-tracking`, { ShipmentIds: '11,12,21,22' }, 200, [
      { shipment_id: 11, status: 'Delivered' },
      { shipment_id: 22, status: 'InTransit' },
    ]);

    const found = await connector.ordersByNumbers!(['1001', '1002', '1003', '1001']);

    expect(sent.map((s) => s.path)).toEqual([
      `${V}/order?ReferenceIds=1001,1002,1003&Limit=250`,
      `${V}/shipments-tracking?ShipmentIds=11,12,21,22`,
    ]);
    const byRef = (records: typeof found, ref: string) =>
      records.find((r) => (r.payload as { reference_id: string }).reference_id === ref)?.payload as {
        shipments: { id: number; shipment_tracking?: unknown }[];
      };
    expect(found.map((r) => r.resource)).toEqual(['order', 'order']); // 1003 is unknown: left out
    expect(byRef(found, '1001').shipments.map((sh) => [sh.id, sh.shipment_tracking])).toEqual([
      [11, { shipment_id: 11, status: 'Delivered' }],
      [12, undefined],
      [13, undefined],
    ]);
    expect(byRef(found, '1002').shipments.map((sh) => [sh.id, sh.shipment_tracking])).toEqual([
      [21, undefined],
      [22, { shipment_id: 22, status: 'InTransit' }],
      [23, undefined],
    ]);
    expect(nock.isDone()).toBe(true);
  });

  it('asks about 50 reference ids per call at most', async () => {
    const numbers = Array.from({ length: 60 }, (_, i) => String(2001 + i));
    answer(sent, `${V}/order`, { ReferenceIds: numbers.slice(0, 50).join(','), Limit: '250' }, 200, []);
    answer(sent, `${V}/order`, { ReferenceIds: numbers.slice(50).join(','), Limit: '250' }, 200, []);

    await expect(connector.ordersByNumbers!(numbers)).resolves.toEqual([]);
    expect(sent).toHaveLength(2);
    expect(nock.isDone()).toBe(true);
  });

  it('sends shipbob_channel_id when a channel is configured (a digit string from the config works)', async () => {
    await connector.close?.();
    connector = create({ channelId: '104571' });
    answer(sent, `${V}/order`, ORDER_QUERY, 200, []);

    await connector.orderByNumber!('1001');

    expect(sent[0].channel).toBe('104571');
  });

  it('returns null when ShipBob knows no order with that reference id', async () => {
    answer(sent, `${V}/order`, { ReferenceIds: '424242' }, 200, []);

    await expect(connector.orderByNumber!('424242')).resolves.toBeNull();
    expect(sent).toHaveLength(1);
  });

  it('accepts only the exact reference id, not a prefixed or longer one', async () => {
    const orders = shipbobReply('orders-1001');
    const other = (ref: string, id: number) => ({ ...orders[0], id, reference_id: ref, shipments: [] });
    answer(sent, `${V}/order`, ORDER_QUERY, 200, [other('#1001', 1), other('10010', 2), other('SB-1001', 3)]);

    await expect(connector.orderByNumber!('1001')).resolves.toBeNull();
  });

  it('picks the exact reference id among several results', async () => {
    const orders = shipbobReply('orders-1001');
    const exact = { ...orders[0], shipments: [] };
    answer(sent, `${V}/order`, ORDER_QUERY, 200, [{ ...exact, id: 9, reference_id: '1001-R' }, exact]);

    const found = await connector.orderByNumber!('1001');

    expect(found?.payload).toEqual(exact);
    expect(sent).toHaveLength(1); // no shipments, nothing to track
  });

  it('fetches the shipments when the order came without them', async () => {
    const orders = shipbobReply('orders-1001');
    const shipments = orders[0].shipments;
    delete orders[0].shipments;
    answer(sent, `${V}/order`, ORDER_QUERY, 200, orders);
    answer(sent, `${V}/order/287394021/shipment`, true, 200, shipments);
    answer(sent, `${V}/shipments-tracking`, TRACKED, 200, shipbobReply('tracking-1001'));

    const found = await connector.orderByNumber!('1001');

    expect(sent.map((s) => s.path)).toEqual([
      `${V}/order?ReferenceIds=1001`,
      `${V}/order/287394021/shipment`,
      `${V}/shipments-tracking?ShipmentIds=195520311,195520312`,
    ]);
    expect((found?.payload as Json).shipments.map((s: Json) => s.shipment_tracking?.status)).toEqual([
      'Delivered',
      'InTransit',
      undefined,
    ]);
  });

  it('asks for tracking in batches of 25 shipment ids', async () => {
    const orders = shipbobReply('orders-1001');
    const template = orders[0].shipments[0];
    orders[0].shipments = Array.from({ length: 30 }, (_, i) => ({ ...template, id: 1000 + i }));
    answer(sent, `${V}/order`, ORDER_QUERY, 200, orders);
    const ids = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => String(1000 + from + i)).join(',');
    answer(sent, `${V}/shipments-tracking`, { ShipmentIds: ids(0, 25) }, 200, [
      { shipment_id: 1000, status: 'Delivered' },
    ]);
    answer(sent, `${V}/shipments-tracking`, { ShipmentIds: ids(25, 30) }, 200, [
      { shipment_id: 1029, status: 'InTransit' },
    ]);

    const found = await connector.orderByNumber!('1001');

    const statuses = (found?.payload as Json).shipments.map((s: Json) => s.shipment_tracking?.status);
    expect(statuses[0]).toBe('Delivered');
    expect(statuses[29]).toBe('InTransit');
    expect(statuses.filter(Boolean)).toHaveLength(2);
    expect(nock.isDone()).toBe(true);
  });

  it('still answers with the order when the tracking call fails, and says so in the log', async () => {
    const warn = jest.fn();
    await connector.close?.();
    connector = create({}, warn);
    const orders = shipbobReply('orders-1001');
    answer(sent, `${V}/order`, ORDER_QUERY, 200, orders);
    answer(sent, `${V}/shipments-tracking`, TRACKED, 503, { message: 'Service Unavailable' });

    const found = await connector.orderByNumber!('1001');

    expect(found).toEqual({ resource: 'order', payload: orders[0] });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('tracking unavailable'), {
      connector: 'shipbob',
      code: 'upstream_unavailable',
    });
  });

  it('gives up when the request deadline passes during the tracking call', async () => {
    answer(sent, `${V}/order`, ORDER_QUERY, 200, shipbobReply('orders-1001'));
    nock(API).get(`${V}/shipments-tracking`).query(TRACKED).delay(2_000).reply(200, []);
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(), 100);

    const error = await failure(connector.orderByNumber!('1001', { signal: deadline.signal }));

    expect(error.code).toBe('timeout');
  });

  it.each([401, 403])('maps HTTP %i to auth_failed, not retryable', async (status) => {
    answer(sent, `${V}/order`, ORDER_QUERY, status, '');

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, httpStatus: status });
  });

  it('maps 429 with x-retry-after to rate_limited with that wait, without retrying', async () => {
    const scope = answer(sent, `${V}/order`, ORDER_QUERY, 429, shipbobReply('rate-limited'), {
      'x-retry-after': '25',
      'x-remaining-calls': '0',
    });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 25_000,
      httpStatus: 429,
    });
    expect(scope.isDone()).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('also honours a plain Retry-After on 429', async () => {
    answer(sent, `${V}/order`, ORDER_QUERY, 429, shipbobReply('rate-limited'), { 'Retry-After': '3' });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 3_000 });
  });

  it.each([500, 502, 503])('maps HTTP %i to upstream_unavailable, retryable', async (status) => {
    answer(sent, `${V}/order`, ORDER_QUERY, status, '<html><body>Bad Gateway</body></html>');

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true, httpStatus: status });
  });

  it('maps a body that is not JSON to invalid_response', async () => {
    answer(sent, `${V}/order`, ORDER_QUERY, 200, '[{"id": 287394021, "reference_id": "10');

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
  });

  it('maps a reply that is not a list of orders to invalid_response', async () => {
    answer(sent, `${V}/order`, ORDER_QUERY, 200, { items: shipbobReply('orders-1001') });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error.code).toBe('invalid_response');
  });

  it('maps an order without an id to invalid_response, naming the field', async () => {
    const orders = shipbobReply('orders-1001');
    delete orders[0].id;
    answer(sent, `${V}/order`, ORDER_QUERY, 200, orders);

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('0.id');
  });

  it('maps a reply slower than timeoutMs to timeout', async () => {
    await connector.close?.();
    connector = create({ timeoutMs: 200 });
    nock(API).get(`${V}/order`).query(ORDER_QUERY).delay(2_000).reply(200, []);

    const started = Date.now();
    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('calls the configured baseUrl instead of api.shipbob.com', async () => {
    await connector.close?.();
    connector = create({ baseUrl: 'https://sandbox-api.shipbob.com/2026-01/' });
    answer(sent, `${V}/order`, ORDER_QUERY, 200, [], {}, 'https://sandbox-api.shipbob.com');

    await expect(connector.orderByNumber!('1001')).resolves.toBeNull();
    expect(sent[0].path).toBe(`${V}/order?ReferenceIds=1001`);
  });

  it('checks health with GET /channel and fails it on 401', async () => {
    answer(sent, `${V}/channel`, true, 200, shipbobReply('channels'));
    await expect(connector.healthCheck()).resolves.toBeUndefined();
    expect(sent[0]).toMatchObject({ path: `${V}/channel`, authorization: 'Bearer pat_test' });

    answer(sent, `${V}/channel`, true, 401, '');
    const error = await failure(connector.healthCheck());
    expect(error.code).toBe('auth_failed');
  });

  it('exposes the mapping context and manual lookup instructions with a deep link', () => {
    expect(connector.mappingContext).toEqual({
      connector: 'shipbob',
      adminUrl: 'https://web.shipbob.com/app/merchant',
    });
    const byOrder = connector.manualLookup({ orderNumber: '1001' });
    expect(byOrder.instructions).toContain('1001');
    expect(byOrder.url).toBe('https://web.shipbob.com/app/merchant/#/order-shipment-management/orders');
    expect(connector.manualLookup({ email: 'jane@example.com' }).instructions).toContain('jane@example.com');
  });

  it('validates its options: token required, unknown keys rejected, adminUrl configurable', () => {
    const schema = shipbobConnector.optionsSchema;
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ accessToken: 'x', shop: 'acme' }).success).toBe(false);
    expect(schema.safeParse({ accessToken: 'x', channelId: 'abc' }).success).toBe(false);
    const parsed = schema.parse({ accessToken: 'x', adminUrl: 'https://webstage.shipbob.dev/app/merchant' });
    expect(parsed).toMatchObject({ timeoutMs: 5_000, adminUrl: 'https://webstage.shipbob.dev/app/merchant' });
    expect(parsed).not.toHaveProperty('baseUrl');
  });

  it('is a WMS that answers order.byNumber, several at once too', () => {
    expect(connector).toMatchObject({ id: 'shipbob', type: 'shipbob', system: 'wms' });
    expect(connector.capabilities).toEqual(['order.byNumber', 'orders.byNumbers']);
    expect(shipbobConnector).toMatchObject({
      type: 'shipbob',
      system: 'wms',
      capabilities: ['order.byNumber', 'orders.byNumbers'],
    });
  });
});
