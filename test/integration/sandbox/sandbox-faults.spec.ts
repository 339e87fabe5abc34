import { HEALTH, ORDER_BY_NAME } from '../../../connectors/shopify/shopify.queries';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { ANCHOR, control, graphql, GRAPHQL_PATH, TOKEN } from './sandbox.helpers';

describe('sandbox: fault injection and control API', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => control(sandbox, 'POST', '/_sandbox/reset'));

  const rawPost = (signal?: AbortSignal) =>
    fetch(sandbox.url + GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-shopify-access-token': TOKEN },
      body: JSON.stringify({ query: HEALTH }),
      signal,
    });

  it('lists every vendor with no faults', async () => {
    const reply = await control(sandbox, 'GET', '/_sandbox/faults');
    expect(reply.status).toBe(200);
    const none = {
      latencyMs: 0,
      jitterMs: 0,
      errorRate: 0,
      throttleRate: 0,
      hang: false,
      down: false,
      malformedRate: 0,
      operations: [],
    };
    expect(Object.keys(reply.body)).toEqual(
      expect.arrayContaining(['shopify', 'shipbob', 'easypost', 'aftership']),
    );
    for (const vendor of Object.keys(reply.body)) expect(reply.body[vendor]).toEqual(none);
  });

  it('delays answers by latencyMs', async () => {
    const put = await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { latencyMs: 60 });
    expect(put.body.latencyMs).toBe(60);
    const started = performance.now();
    const reply = await graphql(sandbox, HEALTH);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
    expect(reply.body.data.shop.name).toBe('Context Hub Sandbox');
  });

  it('limits faults to the operations named, as the stats name them', async () => {
    await rawPost();
    const stats = await control(sandbox, 'GET', '/_sandbox/stats');
    const [operation] = Object.keys(stats.body.vendors.shopify.operations);
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { errorRate: 1, operations: ['OrderByName'] });
    expect((await rawPost()).status).toBe(200);
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { operations: [operation] });
    expect((await rawPost()).status).toBe(503);
  });

  it('answers 503 on an injected error', async () => {
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { errorRate: 1 });
    const res = await rawPost();
    expect(res.status).toBe(503);
    expect(await res.json()).toHaveProperty('errors');
  });

  it('throttles the Shopify way: HTTP 200, THROTTLED, a low bucket', async () => {
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { throttleRate: 1 });
    const reply = await graphql(sandbox, ORDER_BY_NAME, { query: 'name:1001' });
    expect(reply.status).toBe(200);
    expect(reply.body.data).toBeUndefined();
    expect(reply.body.errors).toEqual([
      {
        message: 'Throttled',
        extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
      },
    ]);
    const { cost } = reply.body.extensions;
    expect(cost.throttleStatus.currentlyAvailable).toBeLessThan(cost.requestedQueryCost);
  });

  it('hangs until the client gives up', async () => {
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { hang: true });
    // fetch errors come from another realm than jest's globals: compare names, not classes.
    const error = await rawPost(AbortSignal.timeout(100)).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.name).toBe('TimeoutError');
  });

  it('resets the connection when down', async () => {
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { down: true });
    const error = await rawPost().then(
      () => undefined,
      (e: Error & { cause?: { code?: string } }) => e,
    );
    expect(error?.message).toBe('fetch failed');
    expect(error?.cause?.code).toBe('ECONNRESET');
  });

  it('sends truncated JSON when malformed', async () => {
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { malformedRate: 1 });
    const res = await rawPost();
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text.length).toBeGreaterThan(0);
    expect(() => JSON.parse(text)).toThrow();
  });

  it('merges partial updates and clears one vendor or all', async () => {
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { latencyMs: 10 });
    const merged = await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { errorRate: 0.5 });
    expect(merged.body).toMatchObject({ latencyMs: 10, errorRate: 0.5 });
    const cleared = await control(sandbox, 'DELETE', '/_sandbox/faults/shopify');
    expect(cleared.body).toMatchObject({ latencyMs: 0, errorRate: 0 });
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { down: true });
    await control(sandbox, 'DELETE', '/_sandbox/faults');
    expect(sandbox.faults.get('shopify').down).toBe(false);
  });

  it('rejects invalid faults with 400 naming the field, unknown vendors with 404', async () => {
    const badRate = await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { errorRate: 2 });
    expect(badRate.status).toBe(400);
    expect(badRate.body.field).toBe('errorRate');
    const badType = await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { hang: 'yes' });
    expect(badType.status).toBe(400);
    expect(badType.body.field).toBe('hang');
    const unknownKey = await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { latency: 5 });
    expect(unknownKey.status).toBe(400);
    expect(unknownKey.body.field).toBe('latency');
    const notJson = await control(sandbox, 'PUT', '/_sandbox/faults/shopify', 'latencyMs=5');
    expect(notJson.status).toBe(400);
    const unknownVendor = await control(sandbox, 'PUT', '/_sandbox/faults/magento', { down: true });
    expect(unknownVendor.status).toBe(404);
    expect((await control(sandbox, 'DELETE', '/_sandbox/faults/magento')).status).toBe(404);
    expect((await control(sandbox, 'GET', '/_sandbox/nope')).status).toBe(404);
  });

  it('counts requests per vendor and operation, faults by kind, and resets', async () => {
    await graphql(sandbox, HEALTH);
    await graphql(sandbox, ORDER_BY_NAME, { query: 'name:1001' });
    await graphql(sandbox, ORDER_BY_NAME, { query: 'name:1002' });
    await control(sandbox, 'PUT', '/_sandbox/faults/shopify', { errorRate: 1 });
    await graphql(sandbox, HEALTH).catch(() => undefined);
    const stats = await control(sandbox, 'GET', '/_sandbox/stats');
    expect(stats.body.vendors.shopify).toEqual({
      requests: 4,
      writes: 0,
      operations: { HubHealthCheck: 2, OrderByName: 2 },
      faults: { error: 1 },
      statuses: { '200': 3, '503': 1 },
      // what a rate limit counts (test/unit/sandbox/sandbox-stats.spec.ts): all four within a minute
      peaks: expect.objectContaining({ perMinute: 4, searchPerSecond: 0 }),
    });
    expect(sandbox.stats().vendors.shopify.requests).toBe(4);
    await control(sandbox, 'POST', '/_sandbox/reset');
    expect(sandbox.stats().vendors.shopify.requests).toBe(0);
    expect(sandbox.stats().vendors.shopify.peaks.perSecond).toBe(0);
    expect(sandbox.faults.get('shopify').errorRate).toBe(0);
  });

  it('lists the world’s orders with their scenario', async () => {
    const reply = await control(sandbox, 'GET', '/_sandbox/world/orders');
    expect(reply.status).toBe(200);
    expect(reply.body[0]).toMatchObject({
      number: '1001',
      name: '#1001',
      currency: 'USD',
      financialStatus: 'PAID',
      fulfillmentStatus: 'FULFILLED',
      scenario: expect.any(String),
    });
  });

  it('close() ends even with a hanging request', async () => {
    const other = await startSandbox({ port: 0, anchor: ANCHOR });
    other.faults.set('shopify', { hang: true });
    const pending = fetch(other.url + GRAPHQL_PATH, {
      method: 'POST',
      headers: { 'x-shopify-access-token': TOKEN },
      body: JSON.stringify({ query: HEALTH }),
    }).then(
      () => undefined,
      (e: Error) => e,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    await other.close();
    expect((await pending)?.message).toBe('fetch failed');
  });
});
