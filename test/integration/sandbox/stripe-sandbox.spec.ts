import { join } from 'node:path';
import { stripeConnector } from '../../../connectors/stripe';
import { buildStripeView } from '../../../sandbox/vendors/stripe/stripe.view';
import { StripeRestAdapter } from '../../../sandbox/vendors/stripe/stripe.rest';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import {
  type Customer as WorldCustomer,
  type Order,
  type Payment,
  type World,
} from '../../../sandbox/world/world.types';
import { type Customer, type OrderFragment, type Payment as CanonicalPayment } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { type Connector } from '../../../src/connectors/contract';
import { minorToDecimal } from '../../../src/money';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { ANCHOR } from './sandbox.helpers';
import { failure } from '../../support/connector-failure';

const KEY = 'sk_test_sandbox';

const stripeCards = (o: Order) =>
  o.omsMissing ? [] : o.payments.filter((p) => p.gateway === 'shopify_payments' && p.method.type === 'card');
const captured = (p: Payment) =>
  p.outcome !== 'succeeded'
    ? 0
    : p.capture === 'automatic'
      ? p.amount
      : p.captures.reduce((s, c) => s + c.amount, 0);
const money = (minor: number, currency: string) => ({ amount: minorToDecimal(minor, currency)!, currency });

/** The canonical status a world payment must come out as, from the world facts alone. */
function expectedStatus(p: Payment): CanonicalPayment['status'] {
  if (p.outcome === 'failed' || p.outcome === 'error') return 'failed';
  if (p.outcome === 'pending') return 'pending';
  if (p.capture === 'automatic') return 'succeeded';
  if (p.voidedAt || p.expiredAt) return 'canceled';
  return captured(p) >= p.amount ? 'succeeded' : 'authorized';
}

describe('sandbox: Stripe REST API', () => {
  let sandbox: Sandbox;
  const get = async (path: string, key: string | null = KEY, headers: Record<string, string> = {}) => {
    const res = await fetch(sandbox.url + path, {
      headers: { ...(key === null ? {} : { authorization: `Bearer ${key}` }), ...headers },
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const search = (resource: string, query: string, extra = '') =>
    get(`/v1/${resource}/search?query=${encodeURIComponent(query)}${extra}`);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  describe('the endpoints', () => {
    it('refuses a wrong or missing key with 401 in Stripe’s error shape', async () => {
      const wrong = await get('/v1/customers', 'sk_test_wrongkey1234');
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({
        error: { type: 'invalid_request_error', message: 'Invalid API Key provided: sk_test_********1234' },
      });
      const missing = await get('/v1/customers', null);
      expect(missing.status).toBe(401);
      expect(missing.body.error.type).toBe('invalid_request_error');
    });

    it('pages a list with limit and starting_after, newest first', async () => {
      const first = await get('/v1/payment_intents?limit=3');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ object: 'list', has_more: true, url: '/v1/payment_intents' });
      const ids: string[] = first.body.data.map((p: any) => p.id);
      const next = await get(`/v1/payment_intents?limit=3&starting_after=${ids[2]}`);
      expect(next.body.data.map((p: any) => p.id)).not.toContain(ids[0]);
      const created = [...first.body.data, ...next.body.data].map((p: any) => p.created);
      expect(created).toEqual([...created].sort((a, b) => b - a));
      const all = await get('/v1/payment_intents?limit=100');
      const cardPayments = sandbox.world.orders.flatMap(stripeCards);
      expect(all.body.data).toHaveLength(cardPayments.length);
    });

    it('searches metadata with the connector’s syntax, either quote, escapes, and pages with next_page', async () => {
      const q = "metadata['order_number']:'1001' OR metadata['order_id']:'1001'";
      const reply = await search('payment_intents', q);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ object: 'search_result', has_more: false, next_page: null });
      expect(reply.body.data.map((p: any) => p.id)).toEqual(
        stripeCards(order(1001)).map((p) => p.providerRef),
      );
      const doubled = await search('payment_intents', 'metadata["order_number"]:"1001"');
      expect(doubled.body.data).toEqual(reply.body.data);
      const escaped = await search('payment_intents', "metadata['order_number']:'10\\'01'");
      expect(escaped.body.data).toEqual([]);

      const usd = await search('payment_intents', "currency:'usd'", '&limit=5');
      expect(usd.body).toMatchObject({ has_more: true, next_page: expect.any(String) });
      const page2 = await search('payment_intents', "currency:'usd'", `&limit=5&page=${usd.body.next_page}`);
      const overlap = page2.body.data.filter((p: any) => usd.body.data.some((q: any) => q.id === p.id));
      expect(overlap).toEqual([]);
    });

    it('refuses what Stripe refuses: mixed AND/OR, unknown fields, unquoted strings, unknown parameters', async () => {
      for (const q of [
        "status:'succeeded' AND currency:'usd' OR amount>1",
        "colour:'red'",
        'status:succeeded',
      ]) {
        const reply = await search('payment_intents', q);
        expect(reply.status).toBe(400);
        expect(reply.body.error).toMatchObject({ type: 'invalid_request_error', param: 'query' });
      }
      const unknown = await get('/v1/customers?emial=a@example.com');
      expect(unknown.status).toBe(400);
      expect(unknown.body.error).toMatchObject({ param: 'emial' });
      const missing = await get('/v1/payment_intents/pi_doesnotexist');
      expect(missing.status).toBe(404);
      expect(missing.body.error).toMatchObject({ code: 'resource_missing', type: 'invalid_request_error' });
      const route = await get('/v1/balance_transactions');
      expect(route.status).toBe(404);
    });

    it('expands the charge and its refunds only when asked', async () => {
      const id = stripeCards(order(1002))[0].providerRef;
      const plain = await get(`/v1/payment_intents/${id}`);
      expect(typeof plain.body.latest_charge).toBe('string');
      const expanded = await get(
        `/v1/payment_intents/${id}?expand[]=latest_charge&expand[]=latest_charge.refunds`,
      );
      expect(expanded.body.latest_charge).toMatchObject({ object: 'charge', id: plain.body.latest_charge });
      expect(expanded.body.latest_charge.refunds).toMatchObject({ object: 'list', has_more: false });
      const charge = await get(`/v1/charges/${plain.body.latest_charge}`);
      expect(charge.body).not.toHaveProperty('refunds');
      const bad = await get(`/v1/payment_intents/${id}?expand[]=amount`);
      expect(bad.status).toBe(400);
      expect(bad.body.error.param).toBe('expand');
    });

    it('lists customers by exact, case-sensitive email and searches them ignoring case', async () => {
      const exact = await get('/v1/customers?email=alice.martin@example.com');
      expect(exact.body.data).toHaveLength(1);
      const capitals = await get('/v1/customers?email=Alice.Martin@example.com');
      expect(capitals.body.data).toEqual([]);
      const searched = await search('customers', "email:'Alice.Martin@Example.com'");
      expect(searched.body.data.map((c: any) => c.id)).toEqual(exact.body.data.map((c: any) => c.id));
    });

    it('throttles with 429 + Stripe-Should-Retry and fails with 503 api_error, and counts operations', async () => {
      sandbox.faults.set('stripe', { throttleRate: 1 });
      const throttled = await get('/v1/customers');
      expect(throttled.status).toBe(429);
      expect(throttled.headers.get('stripe-should-retry')).toBe('true');
      expect(throttled.body.error).toMatchObject({ code: 'rate_limit', type: 'invalid_request_error' });
      sandbox.faults.set('stripe', { throttleRate: 0, errorRate: 1 });
      const down = await get('/v1/customers');
      expect(down.status).toBe(503);
      expect(down.body.error.type).toBe('api_error');
      expect(sandbox.stats().vendors.stripe).toMatchObject({
        requests: 2,
        operations: { 'GET /v1/customers': 2 },
        faults: { throttle: 1, error: 1 },
        statuses: { 429: 1, 503: 1 },
      });
    });
  });

  describe('the connector on the sandbox', () => {
    let connector: Connector;
    let registry: MappingRegistry;
    const create = (overrides: Record<string, unknown> = {}) =>
      stripeConnector.create(
        stripeConnector.optionsSchema.parse({ secretKey: KEY, baseUrl: sandbox.url, ...overrides }),
        { id: 'stripe', logger: { debug() {}, warn() {} } },
      );
    const fragmentOf = async (n: number) => {
      const record = await connector.orderByNumber!(String(n));
      return (
        record &&
        registry.map<OrderFragment>('stripe', record.resource, record.payload, connector.mappingContext)
      );
    };

    beforeAll(() => {
      registry = new MappingRegistry({ dirs: [join(projectRoot(), 'mappings')] });
    });
    beforeEach(() => {
      connector = create();
    });
    afterEach(() => connector.close?.());

    it('passes the health check', async () => {
      await expect(connector.healthCheck()).resolves.toBeUndefined();
    });

    it('answers every order of the world with its card payments, mapped and matching the world', async () => {
      for (const o of sandbox.world.orders) {
        const fragment = await fragmentOf(o.number);
        const payments = stripeCards(o);
        if (payments.length === 0) {
          expect({ order: o.number, fragment }).toEqual({ order: o.number, fragment: null });
          continue;
        }
        expect(fragment!.number).toBe(String(o.number));
        const byId = new Map(fragment!.payments!.map((p) => [p.id, p]));
        expect([...byId.keys()].sort()).toEqual(payments.map((p) => p.providerRef).sort());
        for (const p of payments) {
          const mapped = byId.get(p.providerRef)!;
          const refunds = o.refunds.filter((r) => r.paymentId === p.id);
          const released = (p.voidedAt || p.expiredAt) && p.amount > captured(p) ? 1 : 0;
          const card = p.method.type === 'card' ? p.method : undefined;
          const context = { order: o.number, scenario: o.scenario, payment: p.id };
          expect({ ...context, ...mapped }).toMatchObject({
            ...context,
            provider: 'stripe',
            status: expectedStatus(p),
            amount: money(p.amount, o.currency),
            capturedAmount: money(captured(p), o.currency),
            method: { type: 'card', brand: card!.brand, last4: card!.last4 },
            createdAt: p.createdAt,
            orderNumber: String(o.number),
            sources: [
              {
                connector: 'stripe',
                id: p.providerRef,
                url: `https://dashboard.stripe.com/payments/${p.providerRef}`,
              },
            ],
          });
          expect(mapped.refunds).toHaveLength(refunds.length + released);
          for (const r of refunds) {
            expect(mapped.refunds).toContainEqual(
              expect.objectContaining({
                amount: money(r.amount, o.currency),
                status: r.status,
                createdAt: r.at,
              }),
            );
          }
          expect(mapped.disputes).toEqual(
            p.dispute
              ? [
                  expect.objectContaining({
                    amount: money(p.dispute.amount, o.currency),
                    status: p.dispute.status,
                    open: p.dispute.status === 'needs_response' || p.dispute.status === 'under_review',
                    reason: p.dispute.reason,
                  }),
                ]
              : [],
          );
        }
      }
      expect(registry.unknownValues()).toEqual({});
      // One search per order; a dispute list only for a disputed charge; refunds always came expanded.
      const disputed = sandbox.world.orders.flatMap(stripeCards).filter((p) => p.dispute).length;
      expect(sandbox.stats().vendors.stripe.operations).toEqual({
        'GET /v1/payment_intents/search': sandbox.world.orders.length,
        ...(disputed ? { 'GET /v1/disputes': disputed } : {}),
      });
    });

    it('tells the fixed scenario orders’ payment stories', async () => {
      const status = async (n: number) => (await fragmentOf(n))!.payments!.map((p) => p.status);
      expect(await status(1001)).toEqual(['succeeded']);
      expect((await fragmentOf(1002))!.payments![0].refunds).toEqual([
        expect.objectContaining({ status: 'succeeded', reason: 'requested_by_customer' }),
      ]);
      expect((await fragmentOf(1003))!.payments![0].amount.currency).toBe('JPY');
      expect(await status(1006)).toEqual(['authorized']);
      expect((await fragmentOf(1008))!.payments![0].amount).toEqual({
        amount: minorToDecimal(order(1008).total, 'KWD'),
        currency: 'KWD',
      });
    });

    it('finds each customer who paid by card by email, and nobody else', async () => {
      const payers = new Set(
        sandbox.world.orders.filter((o) => stripeCards(o).length).map((o) => o.customerId),
      );
      for (const c of sandbox.world.customers) {
        const records = await connector.customersByEmail!(c.email.toUpperCase());
        if (!payers.has(c.id)) {
          expect({ email: c.email, records }).toEqual({ email: c.email, records: [] });
          continue;
        }
        expect(records).toHaveLength(1);
        const mapped = await registry.map<Customer>(
          'stripe',
          'customer',
          records[0].payload,
          connector.mappingContext,
        );
        expect(mapped).toMatchObject({
          id: expect.stringMatching(/^cus_/),
          email: c.email,
          phone: c.phone,
          name: `${c.firstName} ${c.lastName}`,
          tags: [],
          sources: [{ connector: 'stripe', url: `https://dashboard.stripe.com/customers/${mapped.id}` }],
        });
      }
    });

    it('costs one search for an order without a dispute', async () => {
      await connector.orderByNumber!('1001');
      expect(sandbox.stats().vendors.stripe.operations).toEqual({ 'GET /v1/payment_intents/search': 1 });
    });

    it('fails with auth_failed on a wrong key', async () => {
      await connector.close?.();
      connector = create({ secretKey: 'sk_test_wrong' });
      await expect(failure(connector.orderByNumber!('1001'))).resolves.toMatchObject({
        code: 'auth_failed',
        httpStatus: 401,
      });
      await expect(failure(connector.healthCheck())).resolves.toMatchObject({ code: 'auth_failed' });
    });

    it.each([
      [{ throttleRate: 1 }, { code: 'rate_limited', retryable: true, httpStatus: 429 }],
      [{ errorRate: 1 }, { code: 'upstream_unavailable', retryable: true, httpStatus: 503 }],
      [{ malformedRate: 1 }, { code: 'invalid_response', retryable: false }],
      [{ hang: true }, { code: 'timeout', retryable: true }],
    ])('maps the injected fault %j to %j', async (fault, expected) => {
      await connector.close?.();
      connector = create({ timeoutMs: 300 });
      sandbox.faults.set('stripe', fault);
      await expect(failure(connector.orderByNumber!('1001'))).resolves.toMatchObject(expected);
    });

    it('maps a reset connection to upstream_unavailable in one request: retrying is the hub’s', async () => {
      sandbox.faults.set('stripe', { down: true });
      await expect(failure(connector.orderByNumber!('1001'))).resolves.toMatchObject({
        code: 'upstream_unavailable',
        retryable: true,
      });
      // stripe-node retries a closed connection once, after 0.5 s or more, even with
      // maxNetworkRetries: 0 (stripe-node#1040); the connector's HTTP client keeps it from doing so.
      expect(sandbox.stats().vendors.stripe.faults.down).toBe(1);
    });
  });

  function order(n: number): Order {
    return sandbox.world.orders.find((o) => o.number === n)!;
  }
});

/** The view on a small hand-made world: the facts the seeded world may not (yet) contain. */
describe('Stripe view of a small world', () => {
  const at = (h: number) =>
    new Date(Date.parse('2025-05-01T00:00:00Z') + h * 3_600_000).toISOString().replace('.000Z', 'Z');
  const person: WorldCustomer = {
    id: 1,
    firstName: 'Zoé',
    lastName: 'Roux',
    email: 'zoe.roux@example.com',
    phone: '+33612345678',
    createdAt: at(-5000),
    tags: [],
    currency: 'EUR',
    address: {
      name: 'Zoé Roux',
      line1: '8 rue de Rivoli',
      city: 'Paris',
      postalCode: '75004',
      countryCode: 'FR',
      country: 'France',
    },
  };
  const card = { type: 'card' as const, brand: 'Visa' as const, last4: '4242', expMonth: 4, expYear: 2030 };
  const payment = (id: number, extra: Partial<Payment> = {}): Payment => ({
    id,
    gateway: 'shopify_payments',
    method: card,
    amount: 10000,
    createdAt: at(id),
    capture: 'automatic',
    outcome: 'succeeded',
    captures: [],
    providerRef: `ref-${id}`, // not PaymentIntent-like: the view derives a pi_ id
    ...extra,
  });
  const order = (number: number, payments: Payment[], extra: Partial<Order> = {}): Order => ({
    number,
    scenario: 'test',
    customerId: 1,
    email: person.email,
    currency: 'EUR',
    placedAt: at(0),
    updatedAt: at(0),
    lineItems: [],
    itemsTotal: 10000,
    discount: 0,
    shipping: 0,
    tax: 0,
    total: 10000,
    shippingAddress: { ...person.address },
    tags: [],
    warehouse: 'unsubmitted',
    risk: { level: 'medium', recommendation: 'investigate', facts: [] },
    parcels: [],
    payments,
    refunds: [],
    returns: [],
    ...extra,
  });
  const disputed = payment(1, {
    dispute: {
      id: 7,
      amount: 10000,
      reason: 'fraudulent',
      status: 'under_review',
      openedAt: at(100),
      evidenceDueBy: at(300),
    },
  });
  const world: World = {
    seed: 9,
    anchor: at(1000),
    shop: { name: 'Test', email: 'shop@example.com', currency: 'EUR', handle: 'test' },
    customers: [person, { ...person, id: 2, email: 'paypal.only@example.com' }],
    orders: [
      order(2001, [disputed], {
        refunds: [
          { id: 1, paymentId: 1, amount: 2000, reason: 'damaged', at: at(50), status: 'failed', lines: [] },
          {
            id: 2,
            paymentId: 1,
            amount: 3000,
            reason: 'duplicate',
            at: at(60),
            status: 'pending',
            lines: [],
          },
        ],
      }),
      order(2002, [payment(2, { capture: 'manual', expiredAt: at(170), authorizationExpiresAt: at(170) })]),
      order(2003, [payment(3, { capture: 'manual', captures: [{ id: 1, amount: 4000, at: at(20) }] })]),
      order(2004, [payment(4, { outcome: 'pending' })]),
      order(2005, [payment(5)], { omsMissing: true }),
      order(
        2006,
        [payment(6, { gateway: 'paypal', method: { type: 'paypal', payerEmail: 'x@example.com' } })],
        {
          customerId: 2,
        },
      ),
    ],
    tickets: [],
  };
  const view = buildStripeView(world);
  const adapter = new StripeRestAdapter(view);
  const call = (path: string) => {
    const url = new URL(path, 'http://sandbox.invalid');
    const reply = adapter
      .describe({
        method: 'GET',
        path: url.pathname,
        url,
        headers: { authorization: `Bearer ${KEY}` },
        body: '',
      })
      .respond();
    return { status: reply.status, body: JSON.parse(reply.body) };
  };
  const intentOf = (n: number) =>
    call(
      `/v1/payment_intents/search?query=${encodeURIComponent(`metadata['order_number']:'${n}'`)}&expand[]=data.latest_charge`,
    ).body.data[0];

  it('derives stable pi_ ids and leaves out PayPal and warehouse-only orders', () => {
    expect(view.paymentIntents.map((p) => p.metadata)).toEqual(
      expect.arrayContaining([{ order_number: '2001' }, { order_number: '2004' }]),
    );
    expect(view.paymentIntents).toHaveLength(4);
    expect(view.paymentIntents.every((p) => /^pi_[A-Za-z0-9]{24}$/.test(p.id))).toBe(true);
    expect(buildStripeView(world).paymentIntents.map((p) => p.id)).toEqual(
      view.paymentIntents.map((p) => p.id),
    );
    expect(view.customers.map((c) => c.email)).toEqual(['zoe.roux@example.com']);
  });

  it('renders a dispute and refunds; a failed refund is not in amount_refunded', () => {
    const pi = intentOf(2001);
    expect(pi.latest_charge).toMatchObject({ disputed: true, amount_refunded: 3000, refunded: false });
    expect(pi.latest_charge.outcome).toMatchObject({ risk_level: 'elevated' });
    const refunds = call(`/v1/refunds?payment_intent=${pi.id}`).body.data;
    expect(refunds.map((r: any) => [r.status, r.reason, r.failure_reason])).toEqual([
      ['pending', 'duplicate', undefined],
      ['failed', 'requested_by_customer', 'expired_or_canceled_card'],
    ]);
    const disputes = call(`/v1/disputes?payment_intent=${pi.id}`).body.data;
    expect(disputes).toEqual([
      expect.objectContaining({
        object: 'dispute',
        amount: 10000,
        currency: 'eur',
        charge: pi.latest_charge.id,
        reason: 'fraudulent',
        status: 'under_review',
        evidence_details: expect.objectContaining({ due_by: Date.parse(at(300)) / 1000, has_evidence: true }),
      }),
    ]);
  });

  it('cancels a lapsed authorization and refunds it as expired_uncaptured_charge', () => {
    const pi = intentOf(2002);
    expect(pi).toMatchObject({ status: 'canceled', cancellation_reason: 'automatic', amount_received: 0 });
    expect(pi.latest_charge).toMatchObject({ captured: false, refunded: true, amount_refunded: 10000 });
    expect(call(`/v1/refunds?payment_intent=${pi.id}`).body.data).toEqual([
      expect.objectContaining({ amount: 10000, status: 'succeeded', reason: 'expired_uncaptured_charge' }),
    ]);
  });

  it('keeps a partly captured authorization in requires_capture (multicapture), and a pending one processing', () => {
    expect(intentOf(2003)).toMatchObject({
      status: 'requires_capture',
      amount_received: 4000,
      amount_capturable: 6000,
    });
    const pending = intentOf(2004);
    expect(pending.status).toBe('processing');
    expect(pending.latest_charge).toMatchObject({ status: 'pending', outcome: null, paid: false });
  });
});
