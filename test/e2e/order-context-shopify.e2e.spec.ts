import { type Harness, KEYS, startHarness } from '../support/hub-harness';

describe('GET /v1/orders/{orderNumber}/context with Shopify alone (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  beforeAll(async () => {
    // A deployment with the order management system only: the Shopify slice on its own.
    hub = await startHarness((c) => (c.context.deadlineMs = 800), { only: ['shopify'] });
  });
  afterAll(() => hub.close());
  afterEach(async () => {
    await hub.resetFaults();
    await hub.clearLastGood();
  });

  describe('authentication', () => {
    it('answers 401 problem+json without a key', async () => {
      const res = await hub.get('/v1/orders/1001/context');
      expect(res.status).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="context-hub"');
      expect(res.body).toMatchObject({ status: 401, code: 'unauthorized', title: 'Unauthorized' });
    });

    it('answers 401 for an unknown key and 403 for a key without context:read', async () => {
      expect((await hub.get('/v1/orders/1001/context', 'not-a-real-key-000')).body.code).toBe('unauthorized');
      const res = await hub.get('/v1/orders/1001/context', KEYS.bot);
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({
        code: 'insufficient_scope',
        detail: 'API key "demo-bot" lacks the scope context:read.',
      });
    });

    it('lets the admin key through', async () => {
      expect((await hub.get('/v1/orders/1001/context', KEYS.admin)).status).toBe(200);
    });
  });

  describe('answers from Shopify', () => {
    it('returns the canonical order #1001 with its customer, shipment and sources', async () => {
      const res = await hub.get('/v1/orders/1001/context', KEYS.helpdesk, {
        'x-request-id': 'trace-abc-123',
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-request-id')).toBe('trace-abc-123');
      const { order, customer, cases, insights, sources, generatedAt } = res.body;
      expect(order).toMatchObject({
        number: '1001',
        status: expect.stringMatching(/^(open|closed)$/),
        financialStatus: 'paid',
        fulfillmentStatus: 'fulfilled',
        currency: 'USD',
        customer: { email: 'alice.martin@example.com' },
        shippingAddress: { postalCode: '10001', countryCode: 'US' },
      });
      expect(order.id).toMatch(/^gid:\/\/shopify\/Order\/\d+$/);
      expect(order.totals.total).toEqual({ amount: expect.stringMatching(/^\d+\.\d{2}$/), currency: 'USD' });
      expect(order.lineItems).toHaveLength(2);
      expect(order.shipments).toHaveLength(1);
      expect(order.shipments[0]).toMatchObject({
        trackingNumber: '1Z999AA10123456784',
        status: 'delivered',
        statusDetail: 'DELIVERED',
      });
      const eventTimes = order.shipments[0].events.map((e: { at: string }) => Date.parse(e.at));
      expect(eventTimes).toEqual([...eventTimes].sort((a, b) => b - a));
      expect(order.sources[0]).toEqual({
        connector: 'shopify',
        id: order.id,
        url: `https://admin.shopify.com/store/sandbox-shop/orders/${order.id.split('/').pop()}`,
      });
      expect(customer).toMatchObject({
        email: 'alice.martin@example.com',
        firstName: 'Alice',
        lastName: 'Martin',
      });
      expect(customer.sources[0].connector).toBe('shopify');
      expect(cases).toEqual([]);
      expect(insights).toMatchObject({ orderStage: 'delivered', escalate: false });
      expect(sources).toEqual([
        {
          connector: 'shopify',
          system: 'oms',
          status: 'ok',
          fetchedAt: expect.any(String),
          ageSeconds: 0,
          latencyMs: expect.any(Number),
        },
      ]);
      expect(Date.parse(generatedAt)).not.toBeNaN();
    });

    it('accepts the number with "#" (%23) and mints a request id when none is sent', async () => {
      // Raw fetch: the harness sends a request id of its own on every call.
      const res = await fetch(`${hub.hubUrl}/v1/orders/%231001/context`, {
        headers: { authorization: `Bearer ${KEYS.helpdesk}` },
      });
      expect(res.status).toBe(200);
      expect(((await res.json()) as { order: { number: string } }).order.number).toBe('1001');
      expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('keeps JPY amounts exact without decimals (#1003)', async () => {
      const { body } = await hub.get('/v1/orders/1003/context', KEYS.helpdesk);
      expect(body.order).toMatchObject({
        currency: 'JPY',
        financialStatus: 'paid',
        fulfillmentStatus: 'unfulfilled',
      });
      expect(body.order.lineItems[0].unitPrice).toEqual({ amount: '4500', currency: 'JPY' });
      expect(body.order.totals.total.amount).toMatch(/^\d+$/);
      expect(body.insights.orderStage).toBe('pre_fulfillment');
    });

    it('keeps KWD amounts at three decimals (#1008)', async () => {
      const { body } = await hub.get('/v1/orders/1008/context', KEYS.helpdesk);
      expect(body.order.currency).toBe('KWD');
      expect(body.order.totals.total.amount).toMatch(/^\d+\.\d{3}$/);
    });

    it('shows a partial refund as a refund of its payment (#1002)', async () => {
      const { body } = await hub.get('/v1/orders/1002/context', KEYS.helpdesk);
      expect(body.order.financialStatus).toBe('partially_refunded');
      const [payment] = body.order.payments;
      expect(payment).toMatchObject({ status: 'succeeded', refundedAmount: { currency: 'USD' } });
      expect(payment.refunds).toEqual([
        expect.objectContaining({ status: 'succeeded', amount: payment.refundedAmount }),
      ]);
      expect(Number(payment.refundedAmount.amount)).toBeLessThan(Number(payment.amount.amount));
    });

    it('shows two fulfillments of a partly shipped order (#1004)', async () => {
      const { body } = await hub.get('/v1/orders/1004/context', KEYS.helpdesk);
      expect(body.order).toMatchObject({ currency: 'EUR', fulfillmentStatus: 'partially_fulfilled' });
      expect(
        body.order.shipments.map((s: { status: string; carrier: string }) => [s.carrier, s.status]).sort(),
      ).toEqual([
        ['DHL Express', 'in_transit'],
        ['DPD', 'info_received'],
      ]);
      expect(body.insights.orderStage).toBe('in_transit');
    });

    it('shows a cancellation with its reason (#1005)', async () => {
      const { body } = await hub.get('/v1/orders/1005/context', KEYS.helpdesk);
      expect(body.order).toMatchObject({
        status: 'cancelled',
        cancelReason: 'customer',
        financialStatus: 'refunded',
      });
      expect(body.order.cancelledAt).toEqual(expect.any(String));
      expect(body.insights.orderStage).toBe('cancelled');
    });

    it('flags and escalates a high-risk order on hold (#1006)', async () => {
      const { body } = await hub.get('/v1/orders/1006/context', KEYS.helpdesk);
      expect(body.order).toMatchObject({
        financialStatus: 'authorized',
        fulfillmentStatus: 'on_hold',
        risk: { level: 'high', recommendation: 'cancel' },
      });
      expect(body.insights.flags.map((f: { code: string }) => f.code).sort()).toEqual([
        'fraud_risk_high',
        'order_on_hold',
      ]);
      expect(body.insights.escalate).toBe(true);
    });

    it('maps a failed delivery attempt (#1007)', async () => {
      const { body } = await hub.get('/v1/orders/1007/context', KEYS.helpdesk);
      expect(body.order.currency).toBe('GBP');
      expect(body.order.shipments[0].status).toBe('failed_attempt');
      expect(body.insights.flags.map((f: { code: string }) => f.code)).toContain('failed_delivery_attempt');
    });
  });

  describe('errors', () => {
    it('answers 404 problem+json with sources when Shopify does not know the order', async () => {
      const res = await hub.get('/v1/orders/999999/context', KEYS.helpdesk);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({
        code: 'order_not_found',
        status: 404,
        sources: [{ connector: 'shopify', system: 'oms', status: 'not_found' }],
      });
    });

    it('answers 400 naming the field for a malformed order number, never a 500', async () => {
      const res = await hub.get('/v1/orders/10%2001/context', KEYS.helpdesk);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        code: 'invalid_request',
        errors: [{ path: 'orderNumber', message: expect.any(String) }],
      });
    });

    it('answers 404 problem+json for an unknown route', async () => {
      const res = await hub.get('/v1/nothing-here', KEYS.helpdesk);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ code: 'not_found', detail: 'No route GET /v1/nothing-here' });
    });
  });

  describe('when Shopify fails (sandbox fault injection)', () => {
    const expectUnavailable = async (code: string) => {
      const res = await hub.get('/v1/orders/1001/context', KEYS.helpdesk);
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('sources_unavailable');
      const [source] = res.body.sources;
      expect(source).toMatchObject({
        connector: 'shopify',
        system: 'oms',
        status: 'unavailable',
        error: { code },
      });
      expect(source.fallback.instructions).toMatch(/Shopify admin/);
      expect(source.fallback.url).toBe('https://admin.shopify.com/store/sandbox-shop/orders?query=%231001');
      return res.body;
    };

    it('down: 503 with upstream_unavailable and what to do by hand', () =>
      hub.fault('shopify', { down: true }).then(() => expectUnavailable('upstream_unavailable')));
    it('errors: 503 from Shopify becomes upstream_unavailable', () =>
      hub.fault('shopify', { errorRate: 1 }).then(() => expectUnavailable('upstream_unavailable')));
    it('malformed body: invalid_response', () =>
      hub.fault('shopify', { malformedRate: 1 }).then(() => expectUnavailable('invalid_response')));
    it('throttled beyond the wait: rate_limited', () =>
      hub.fault('shopify', { throttleRate: 1 }).then(() => expectUnavailable('rate_limited')));
    it('hung: the deadline answers with timeout instead of hanging', () =>
      hub.fault('shopify', { hang: true }).then(() => expectUnavailable('timeout')));

    it('serves the last good copy as stale, with its age and what to check by hand', async () => {
      const fresh = await hub.get('/v1/orders/1002/context', KEYS.helpdesk);
      expect(fresh.status).toBe(200);
      await hub.fault('shopify', { down: true });

      const res = await hub.get('/v1/orders/1002/context', KEYS.helpdesk);
      expect(res.status).toBe(200);
      expect(res.body.order).toEqual(fresh.body.order);
      const [source] = res.body.sources;
      expect(source).toMatchObject({
        connector: 'shopify',
        status: 'stale',
        fetchedAt: fresh.body.sources[0].fetchedAt,
        error: { code: 'upstream_unavailable' },
        fallback: { url: 'https://admin.shopify.com/store/sandbox-shop/orders?query=%231002' },
      });
      expect(source.ageSeconds).toBeGreaterThanOrEqual(0);
      expect(res.body.insights.flags).toContainEqual({
        code: 'source_unavailable',
        severity: 'warning',
        message: 'shopify (oms) could not be asked now; showing its last good copy.',
      });
    });

    it('recovers as soon as the fault is switched off', async () => {
      await hub.fault('shopify', { down: true });
      expect((await hub.get('/v1/orders/1001/context', KEYS.helpdesk)).status).toBe(503);
      await hub.resetFaults();
      expect((await hub.get('/v1/orders/1001/context', KEYS.helpdesk)).status).toBe(200);
    });
  });

  describe('operability', () => {
    it('serves health without a key; ready checks Redis and the database', async () => {
      expect((await hub.get('/health/live')).body).toEqual({ status: 'ok' });
      const ready = await hub.get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'ok',
        info: { redis: { status: 'up' }, database: { status: 'up' } },
      });
    });

    it('serves the OpenAPI document generated from the zod schemas', async () => {
      const res = await hub.get('/docs/openapi.json');
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.paths)).toContain('/v1/orders/{orderNumber}/context');
      const op = res.body.paths['/v1/orders/{orderNumber}/context'].get;
      expect(Object.keys(op.responses)).toEqual(
        expect.arrayContaining(['200', '400', '401', '403', '404', '503']),
      );
      expect(Object.keys(res.body.components.schemas)).toEqual(
        expect.arrayContaining(['OrderContext', 'Order', 'Money', 'SourceStatus', 'Problem']),
      );
      expect((await hub.get('/docs')).status).toBe(200);
    });
  });
});

describe('with two shops, one of them failing', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness(
      (c) => {
        // A second store whose token the sandbox refuses: it can never answer.
        c.connectors['shopify-eu'] = { ...c.connectors.shopify, accessToken: 'shpat_revoked' };
      },
      { only: ['shopify'] },
    );
  });
  afterAll(() => hub.close());

  it('does not call an order unknown while one shop could not be asked (503, not 404)', async () => {
    const res = await hub.get('/v1/orders/999999/context', KEYS.helpdesk);
    expect(res.status).toBe(503);
    expect(
      res.body.sources.map((s: { connector: string; status: string }) => [s.connector, s.status]),
    ).toEqual([
      ['shopify', 'not_found'],
      ['shopify-eu', 'unavailable'],
    ]);
    expect(res.body.detail).toBe(
      'Order 999999 is unknown to the systems that answered, and shopify-eu could not be asked, so the hub cannot tell whether it exists; see sources[].fallback for what to do by hand.',
    );
  });

  it('answers from the shop that knows the order', async () => {
    const res = await hub.get('/v1/orders/1001/context', KEYS.helpdesk);
    expect(res.status).toBe(200);
    expect(res.body.sources.find((s: { connector: string }) => s.connector === 'shopify-eu')).toMatchObject({
      status: 'unavailable',
      error: { code: 'auth_failed' },
    });
  });
});
