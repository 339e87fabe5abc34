import nock from 'nock';
import Stripe from 'stripe';
import { stripeConnector } from '../../../connectors/stripe';
import { STRIPE_API_VERSION } from '../../../connectors/stripe/stripe.client';
import { toConnectorError } from '../../../connectors/stripe/stripe.errors';
import { type Connector } from '../../../src/connectors/contract';
import { emptyList, type Json, stripeOrderPayload, stripeReply } from '../../fixtures/stripe';
import { failure } from '../../support/connector-failure';

/** nock answers as api.stripe.com itself; test/setup/nock-restore.ts keeps each file's nock to itself. */
const STRIPE = 'https://api.stripe.com';
const PAID = 'pi_3QF1b9LkdIwHu7ix1Yt4WmPa';

interface SentRequest {
  path: string;
  query: Record<string, string>;
  authorization?: string;
  version?: string;
}

const warnings: { msg: string; meta?: object }[] = [];

function create(overrides: Record<string, unknown> = {}): Connector {
  const options = stripeConnector.optionsSchema.parse({
    secretKey: 'sk_test_4eC39HqLyjWDarjt',
    ...overrides,
  });
  return stripeConnector.create(options, {
    id: 'stripe',
    logger: { debug() {}, warn: (msg, meta) => warnings.push({ msg, meta }) },
  });
}

/** Intercepts one GET on `path`, records what was sent, answers with `status`/`body`. */
function answer(
  sent: SentRequest[],
  path: string,
  status: number,
  body: Json,
  headers: Record<string, string> = {},
) {
  return nock(STRIPE)
    .get(path)
    .query(true)
    .reply(function (uri) {
      const url = new URL(uri, STRIPE);
      sent.push({
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        authorization: this.req.headers.authorization as string | undefined,
        version: this.req.headers['stripe-version'] as string | undefined,
      });
      return [
        status,
        typeof body === 'string' ? body : JSON.stringify(body),
        { 'Content-Type': 'application/json', 'Request-Id': 'req_test123', ...headers },
      ];
    });
}

describe('StripeConnector (official SDK via nock)', () => {
  let connector: Connector;
  let sent: SentRequest[];

  beforeEach(() => {
    sent = [];
    warnings.length = 0;
    connector = create();
  });

  afterEach(async () => {
    await connector.close?.();
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  describe('order.byNumber', () => {
    it('searches every metadata key in one call, expands the charge and its refunds, lists the disputes', async () => {
      answer(sent, '/v1/payment_intents/search', 200, stripeReply('payment-intents-search'));
      answer(sent, '/v1/disputes', 200, stripeReply('disputes'));

      const found = await connector.orderByNumber!('1001');

      expect(sent).toEqual([
        {
          path: '/v1/payment_intents/search',
          query: {
            query: "metadata['order_number']:'1001' OR metadata['order_id']:'1001'",
            limit: '20',
            'expand[0]': 'data.latest_charge',
            'expand[1]': 'data.latest_charge.refunds',
          },
          authorization: 'Bearer sk_test_4eC39HqLyjWDarjt',
          version: STRIPE_API_VERSION,
        },
        // Only the disputed charge's PaymentIntent; its refunds came expanded and complete.
        {
          path: '/v1/disputes',
          query: { payment_intent: PAID, limit: '100' },
          authorization: 'Bearer sk_test_4eC39HqLyjWDarjt',
          version: STRIPE_API_VERSION,
        },
      ]);
      expect(found).toEqual({
        resource: 'order',
        payload: stripeOrderPayload('1001', 'payment-intents-search', { [PAID]: stripeReply('disputes') }),
      });
    });

    it('finds several orders with one search (orders.byNumbers), five numbers per query under two keys', async () => {
      const reply = stripeReply('payment-intents-search');
      // The fixture's PaymentIntents belong to order 1001; one more, of order 1003, joins the page.
      const other = {
        ...reply.data[0],
        id: 'pi_other_1003',
        metadata: { order_number: '1003' },
        latest_charge: null,
      };
      // Each search answers by its own query, whichever of the two arrives first.
      nock(STRIPE)
        .get('/v1/payment_intents/search')
        .query(true)
        .times(2)
        .reply(function (uri) {
          const url = new URL(uri, STRIPE);
          sent.push({ path: url.pathname, query: Object.fromEntries(url.searchParams) });
          const mine = url.searchParams.get('query')!.includes("'1001'");
          return [
            200,
            JSON.stringify({ ...reply, data: mine ? [...reply.data, other] : [] }),
            { 'Content-Type': 'application/json', 'Request-Id': 'req_test123' },
          ];
        });
      answer(sent, '/v1/disputes', 200, stripeReply('disputes'));

      const numbers = ['1001', '1002', '1003', '1004', '1005', '1006'];
      const found = await connector.ordersByNumbers!(numbers);

      const searches = sent
        .filter((r) => r.path === '/v1/payment_intents/search')
        .sort((a, b) => b.query.query.length - a.query.query.length);
      expect(searches.map((r) => r.query.query)).toEqual([
        numbers
          .slice(0, 5)
          .flatMap((n) => [`metadata['order_number']:'${n}'`, `metadata['order_id']:'${n}'`])
          .join(' OR '),
        "metadata['order_number']:'1006' OR metadata['order_id']:'1006'",
      ]);
      expect(searches[0].query.limit).toBe('100');
      // One record per order found, each as orderByNumber gives it; 1002, 1004-1006 are unknown.
      expect(found.map((r) => (r.payload as { orderNumber: string }).orderNumber).sort()).toEqual([
        '1001',
        '1003',
      ]);
      expect(found.find((r) => (r.payload as { orderNumber: string }).orderNumber === '1001')).toEqual({
        resource: 'order',
        payload: stripeOrderPayload('1001', 'payment-intents-search', { [PAID]: stripeReply('disputes') }),
      });
    });

    it('uses the configured metadata keys and escapes quotes and backslashes in the number', async () => {
      await connector.close?.();
      connector = create({ orderNumberMetadataKeys: ['shop_order'] });
      answer(sent, '/v1/payment_intents/search', 200, { ...stripeReply('payment-intents-search'), data: [] });

      await expect(connector.orderByNumber!("10'0\\1")).resolves.toBeNull();

      expect(sent[0].query.query).toBe("metadata['shop_order']:'10\\'0\\\\1'");
    });

    it('returns null, after one call, when no PaymentIntent carries the number', async () => {
      const scope = answer(sent, '/v1/payment_intents/search', 200, {
        object: 'search_result',
        data: [],
        has_more: false,
        next_page: null,
        url: '/v1/payment_intents/search',
      });

      await expect(connector.orderByNumber!('424242')).resolves.toBeNull();
      expect(scope.isDone()).toBe(true);
      expect(sent).toHaveLength(1);
    });

    it('keeps only PaymentIntents whose metadata value is exactly the number', async () => {
      const reply = stripeReply('payment-intents-search-jpy');
      reply.data[0].metadata = { order_id: '10030' };
      answer(sent, '/v1/payment_intents/search', 200, reply);

      await expect(connector.orderByNumber!('1003')).resolves.toBeNull();
    });

    it('lists the refunds when the expanded charge holds only the first page', async () => {
      const reply = stripeReply('payment-intents-search');
      const paid = reply.data[0];
      paid.latest_charge.refunds.has_more = true;
      paid.latest_charge.disputed = false;
      reply.data = [paid];
      answer(sent, '/v1/payment_intents/search', 200, reply);
      answer(sent, '/v1/refunds', 200, stripeReply('refunds'));

      const found = await connector.orderByNumber!('1001');

      expect(sent.map((s) => [s.path, s.query.payment_intent, s.query.limit])).toEqual([
        ['/v1/payment_intents/search', undefined, '20'],
        ['/v1/refunds', PAID, '100'],
      ]);
      const [pi] = (found!.payload as Json).payment_intents;
      expect(pi.refunds).toEqual(stripeReply('refunds'));
      expect(pi.disputes).toEqual(emptyList('/v1/disputes'));
    });

    it('lists the refunds of a refunded charge that came without its refunds expanded', async () => {
      const reply = stripeReply('payment-intents-search-kwd');
      delete reply.data[1].latest_charge.refunds;
      answer(sent, '/v1/payment_intents/search', 200, reply);
      answer(sent, '/v1/refunds', 200, { ...stripeReply('refunds'), data: [] });

      await connector.orderByNumber!('1008');

      expect(sent.map((s) => s.path)).toEqual(['/v1/payment_intents/search', '/v1/refunds']);
      expect(sent[1].query.payment_intent).toBe('pi_3QJ4e6LkdIwHu7ix3Kw1Dv0A');
    });

    it('warns when the order has more PaymentIntents than one search page', async () => {
      answer(sent, '/v1/payment_intents/search', 200, {
        ...stripeReply('payment-intents-search-jpy'),
        has_more: true,
        next_page: 'page_abc',
      });

      await expect(connector.orderByNumber!('1003')).resolves.not.toBeNull();
      expect(warnings).toEqual([expect.objectContaining({ meta: { orderNumber: '1003', limit: 20 } })]);
    });

    it('maps a search result without data to invalid_response, naming the field', async () => {
      answer(sent, '/v1/payment_intents/search', 200, { object: 'search_result', has_more: false });

      const error = await failure(connector.orderByNumber!('1001'));

      expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
      expect(error.message).toContain('data');
    });

    it('maps a PaymentIntent without a status to invalid_response', async () => {
      const reply = stripeReply('payment-intents-search-jpy');
      delete reply.data[0].status;
      answer(sent, '/v1/payment_intents/search', 200, reply);

      const error = await failure(connector.orderByNumber!('1003'));

      expect(error.code).toBe('invalid_response');
      expect(error.message).toContain('data.0.status');
    });
  });

  describe('customer.byEmail', () => {
    it('lists customers by the normalized email and stops there when it finds them', async () => {
      answer(sent, '/v1/customers', 200, stripeReply('customers'));

      const found = await connector.customersByEmail!('  Alice.Martin@Example.com ');

      expect(sent).toEqual([
        expect.objectContaining({
          path: '/v1/customers',
          query: { email: 'alice.martin@example.com', limit: '10' },
        }),
      ]);
      expect(found).toEqual([{ resource: 'customer', payload: stripeReply('customers').data[0] }]);
    });

    it('falls back to search (Stripe keeps the email as typed) and keeps only the same normalized email', async () => {
      answer(sent, '/v1/customers', 200, { ...stripeReply('customers'), data: [] });
      answer(sent, '/v1/customers/search', 200, stripeReply('customers-search'));

      const found = await connector.customersByEmail!('jane.doe@example.com');

      expect(sent.map((s) => [s.path, s.query])).toEqual([
        ['/v1/customers', { email: 'jane.doe@example.com', limit: '10' }],
        ['/v1/customers/search', { query: "email:'jane.doe@example.com'", limit: '10' }],
      ]);
      expect(found).toEqual([{ resource: 'customer', payload: stripeReply('customers-search').data[0] }]);
    });

    it('returns no customers when neither the list nor the search knows the email', async () => {
      answer(sent, '/v1/customers', 200, { ...stripeReply('customers'), data: [] });
      answer(sent, '/v1/customers/search', 200, { ...stripeReply('customers-search'), data: [] });

      await expect(connector.customersByEmail!('nobody@example.com')).resolves.toEqual([]);
    });

    it('answers from the list alone when the account may not search (400), with a warning', async () => {
      answer(sent, '/v1/customers', 200, { ...stripeReply('customers'), data: [] });
      answer(sent, '/v1/customers/search', 400, {
        error: { message: 'Search is not available for this account.', type: 'invalid_request_error' },
      });

      await expect(connector.customersByEmail!('jane.doe@example.com')).resolves.toEqual([]);
      expect(warnings).toHaveLength(1);
    });

    it('treats 404 resource_missing as nobody', async () => {
      answer(sent, '/v1/customers', 404, stripeReply('error-resource-missing'));
      answer(sent, '/v1/customers/search', 200, { ...stripeReply('customers-search'), data: [] });

      await expect(connector.customersByEmail!('nobody@example.com')).resolves.toEqual([]);
    });

    it('does not hide a rate limit on the search fallback', async () => {
      answer(sent, '/v1/customers', 200, { ...stripeReply('customers'), data: [] });
      answer(sent, '/v1/customers/search', 429, stripeReply('error-rate-limit'), {
        'Stripe-Should-Retry': 'true',
      });

      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));

      expect(error.code).toBe('rate_limited');
    });
  });

  describe('errors', () => {
    const search = () => connector.orderByNumber!('1001');
    const SEARCH = '/v1/payment_intents/search';

    it('maps 401 (StripeAuthenticationError) to auth_failed, not retryable', async () => {
      answer(sent, SEARCH, 401, stripeReply('error-invalid-api-key'));

      const error = await failure(search());

      expect(error).toMatchObject({ code: 'auth_failed', retryable: false, httpStatus: 401 });
      expect(error.message).toContain('Invalid API Key');
    });

    it('maps 403 (StripePermissionError, a restricted key without the permission) to auth_failed', async () => {
      answer(sent, SEARCH, 403, {
        error: {
          message: 'The provided key does not have the required permissions for this endpoint.',
          type: 'invalid_request_error',
        },
      });

      await expect(failure(search())).resolves.toMatchObject({ code: 'auth_failed', httpStatus: 403 });
    });

    it('maps 429 + Stripe-Should-Retry: true + Retry-After: 2 to rate_limited, retryable, 2000 ms, without retrying', async () => {
      const scope = answer(sent, SEARCH, 429, stripeReply('error-rate-limit'), {
        'Stripe-Should-Retry': 'true',
        'Retry-After': '2',
      });

      const error = await failure(search());

      expect(error).toMatchObject({
        code: 'rate_limited',
        retryable: true,
        retryAfterMs: 2000,
        httpStatus: 429,
      });
      expect(scope.isDone()).toBe(true);
      expect(sent).toHaveLength(1);
    });

    it('takes retryable from Stripe-Should-Retry: false', async () => {
      answer(sent, SEARCH, 429, stripeReply('error-rate-limit'), { 'Stripe-Should-Retry': 'false' });

      const error = await failure(search());

      expect(error).toMatchObject({ code: 'rate_limited', retryable: false, retryAfterMs: undefined });
    });

    it('maps a 400 with code rate_limit (StripeRateLimitError) to rate_limited', async () => {
      answer(sent, SEARCH, 400, stripeReply('error-rate-limit'));

      await expect(failure(search())).resolves.toMatchObject({ code: 'rate_limited', retryable: true });
    });

    it.each([500, 503])(
      'maps %i (StripeAPIError) to upstream_unavailable, retryable, without retrying',
      async (status) => {
        answer(sent, SEARCH, status, stripeReply('error-api'), { 'Stripe-Should-Retry': 'true' });

        const error = await failure(search());

        expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true, httpStatus: status });
        expect(sent).toHaveLength(1);
      },
    );

    it('maps an HTML 502 from the edge to upstream_unavailable', async () => {
      nock(STRIPE)
        .get(SEARCH)
        .query(true)
        .reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'Content-Type': 'text/html' });

      await expect(failure(search())).resolves.toMatchObject({
        code: 'upstream_unavailable',
        retryable: true,
      });
    });

    it('maps a body that is not JSON to invalid_response', async () => {
      answer(sent, SEARCH, 200, '{"object": "search_result", "data": [');

      await expect(failure(search())).resolves.toMatchObject({ code: 'invalid_response', retryable: false });
    });

    it('maps a 400 (StripeInvalidRequestError) to bad_request, not retryable', async () => {
      answer(sent, SEARCH, 400, {
        error: {
          message: "Invalid search query: unknown field 'metadata'.",
          param: 'query',
          type: 'invalid_request_error',
        },
      });

      await expect(failure(search())).resolves.toMatchObject({
        code: 'bad_request',
        retryable: false,
        httpStatus: 400,
      });
    });

    it('treats 404 resource_missing as "no such order"', async () => {
      answer(sent, SEARCH, 404, stripeReply('error-resource-missing'));

      await expect(search()).resolves.toBeNull();
    });

    it('maps a reply slower than timeoutMs to timeout', async () => {
      await connector.close?.();
      connector = create({ timeoutMs: 200 });
      nock(STRIPE).get(SEARCH).query(true).delay(3_000).reply(200, stripeReply('payment-intents-search-jpy'));

      const started = Date.now();
      const error = await failure(search());

      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    // nock's mock socket never arms the SDK's socket idle timeout, so what the SDK reports then is
    // translated directly here; test/integration/sandbox/stripe-sandbox.spec.ts hangs a real socket.
    it('maps the SDK’s own socket timeout to timeout and other connection errors to upstream_unavailable', () => {
      const timedOut = new Stripe.errors.StripeConnectionError({
        message: 'Request aborted due to timeout being reached (200ms)',
        detail: Object.assign(new TypeError('ETIMEDOUT'), { code: 'ETIMEDOUT' }),
      });
      const reset = new Stripe.errors.StripeConnectionError({
        message: 'An error occurred with our connection to Stripe.',
        detail: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      });

      expect(toConnectorError(timedOut)).toMatchObject({ code: 'timeout', retryable: true });
      expect(toConnectorError(reset)).toMatchObject({ code: 'upstream_unavailable', retryable: true });
      expect(toConnectorError(new Error('boom'))).toMatchObject({ code: 'unknown' });
    });

    it('gives up with timeout when the request deadline (AbortSignal) passes first', async () => {
      nock(STRIPE).get(SEARCH).query(true).delay(3_000).reply(200, stripeReply('payment-intents-search-jpy'));

      const started = Date.now();
      const error = await failure(connector.orderByNumber!('1003', { signal: AbortSignal.timeout(100) }));

      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect(Date.now() - started).toBeLessThan(2_000);
    });

    it('calls https://api.stripe.com/v1 without a baseUrl', async () => {
      // No interceptor: nock refuses the connection and names where it was going.
      const error = await failure(connector.customersByEmail!('a@example.com'));

      expect(error.code).toBe('upstream_unavailable');
      expect(String((error.cause as { detail?: Error }).detail?.message)).toContain(
        'api.stripe.com:443/v1/customers',
      );
    });
  });

  it('passes the health check on a PaymentIntent list and exposes the mapping context', async () => {
    answer(sent, '/v1/payment_intents', 200, {
      object: 'list',
      data: [],
      has_more: false,
      url: '/v1/payment_intents',
    });

    await expect(connector.healthCheck()).resolves.toBeUndefined();
    expect(sent[0]).toMatchObject({ path: '/v1/payment_intents', query: { limit: '1' } });
    expect(connector.mappingContext).toEqual({
      connector: 'stripe',
      dashboardUrl: 'https://dashboard.stripe.com',
    });
  });

  it('fails the health check on a bad key', async () => {
    answer(sent, '/v1/payment_intents', 401, stripeReply('error-invalid-api-key'));

    await expect(failure(connector.healthCheck())).resolves.toMatchObject({ code: 'auth_failed' });
  });

  it('gives a support agent dashboard searches for an order and for a customer', () => {
    expect(connector.manualLookup({ orderNumber: '1001' })).toEqual({
      instructions: expect.stringContaining('order_number:1001'),
      url: 'https://dashboard.stripe.com/search?query=order_number%3A1001',
    });
    expect(connector.manualLookup({ email: 'alice.martin@example.com' })).toEqual({
      instructions: expect.stringContaining('alice.martin@example.com'),
      url: 'https://dashboard.stripe.com/search?query=alice.martin%40example.com',
    });
  });

  describe('options', () => {
    const parse = (o: Record<string, unknown>) =>
      stripeConnector.optionsSchema.safeParse({ secretKey: 'sk_test_x', ...o });

    it('defaults the metadata keys, the dashboard and the timeout', () => {
      expect(parse({}).data).toEqual({
        secretKey: 'sk_test_x',
        orderNumberMetadataKeys: ['order_number', 'order_id'],
        dashboardUrl: 'https://dashboard.stripe.com',
        timeoutMs: 5000,
      });
    });

    it('accepts an origin as baseUrl and refuses a path prefix the SDK could not honour', () => {
      expect(parse({ baseUrl: 'http://127.0.0.1:4010' }).success).toBe(true);
      const withPath = parse({ baseUrl: 'http://proxy.internal/stripe' });
      expect(withPath.success).toBe(false);
      expect(withPath.error?.issues[0].path).toEqual(['baseUrl']);
    });

    it('refuses a publishable key, unknown options, and more metadata keys than a search takes', () => {
      expect(parse({ secretKey: 'pk_test_123' }).success).toBe(false);
      expect(parse({ apiKey: 'sk_test_x' }).success).toBe(false);
      expect(parse({ orderNumberMetadataKeys: Array.from({ length: 11 }, (_, i) => `k${i}`) }).success).toBe(
        false,
      );
      expect(parse({ orderNumberMetadataKeys: ["order'id"] }).success).toBe(false);
    });
  });
});
