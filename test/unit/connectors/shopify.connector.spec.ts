import { parse, type OperationDefinitionNode } from 'graphql';
import nock from 'nock';
import { shopifyConnector } from '../../../connectors/shopify';
import { toConnectorError } from '../../../connectors/shopify/shopify.errors';
import { type Connector } from '../../../src/connectors/contract';
import { type Json, shopifyReply, throttledReply } from '../../fixtures/shopify';
import { failure } from '../../support/connector-failure';

/** nock answers as the shop itself; test/setup/nock-restore.ts keeps each file's nock to itself. */
const SHOP = 'https://acme.myshopify.com';
const GRAPHQL = '/admin/api/2025-10/graphql.json';

interface SentRequest {
  operation: string | undefined;
  variables: Record<string, unknown>;
  token: string | undefined;
}

function create(overrides: Record<string, unknown> = {}): Connector {
  const options = shopifyConnector.optionsSchema.parse({
    shop: 'acme.myshopify.com',
    accessToken: 'shpat_test',
    apiVersion: '2025-10',
    ...overrides,
  });
  return shopifyConnector.create(options, { id: 'shopify', logger: { debug() {}, warn() {} } });
}

/** Intercepts one GraphQL POST, records what was sent, and answers with `status`/`body`. */
function answer(sent: SentRequest[], status: number, body: Json, headers: Record<string, string> = {}) {
  return nock(SHOP)
    .post(GRAPHQL)
    .reply(function (_uri, requestBody) {
      const json = (typeof requestBody === 'string' ? JSON.parse(requestBody) : requestBody) as {
        query: string;
        variables: Record<string, unknown>;
      };
      const op = parse(json.query).definitions[0] as OperationDefinitionNode;
      const token = this.req.headers['x-shopify-access-token'];
      sent.push({ operation: op.name?.value, variables: json.variables, token: String(token) });
      return [
        status,
        typeof body === 'string' ? body : JSON.stringify(body),
        { 'Content-Type': 'application/json', ...headers },
      ];
    });
}

describe('ShopifyConnector (GraphQL Admin API via nock)', () => {
  let connector: Connector;
  let sent: SentRequest[];

  beforeEach(() => {
    sent = [];
    connector = create();
  });

  afterEach(async () => {
    await connector.close?.();
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  describe('orders of a customer and customers by phone', () => {
    const order = (id: string, email: string | null, accountEmail: string | null) => ({
      ...(shopifyReply('order-jpy').data.orders.nodes[0] as Record<string, unknown>),
      id,
      email,
      customer: accountEmail === null ? null : { id: 'gid://shopify/Customer/1', email: accountEmail },
    });

    it("asks for the person's orders newest first and keeps only exactly theirs", async () => {
      answer(sent, 200, {
        data: {
          orders: {
            nodes: [
              order('gid://shopify/Order/1', 'ada@example.com', 'ada@example.com'),
              order('gid://shopify/Order/2', 'someone@example.com', 'ADA@example.com'),
              order('gid://shopify/Order/3', 'adam@example.com', 'adam@example.com'),
            ],
          },
        },
        extensions: shopifyReply('customers').extensions,
      });
      const found = await connector.ordersByCustomer!({ email: ' Ada@Example.com ' }, 5);
      expect(found.map((r) => (r.payload as { id: string }).id)).toEqual([
        'gid://shopify/Order/1',
        'gid://shopify/Order/2',
      ]);
      expect(sent).toEqual([
        {
          operation: 'OrdersByCustomer',
          variables: { query: 'email:"ada@example.com"', first: 5 },
          token: 'shpat_test',
        },
      ]);
    });

    it('finds orders by phone through the customers who have that number', async () => {
      const customers = shopifyReply('customers');
      const person = {
        ...(customers.data.customers.nodes[0] as Record<string, unknown>),
        phone: '+1 212-555-0143',
        legacyResourceId: '77',
      };
      answer(sent, 200, {
        data: { customers: { nodes: [person, { ...person, id: 'x', phone: '+1 212 555 0144' }] } },
        extensions: customers.extensions,
      });
      answer(sent, 200, {
        data: { orders: { nodes: [order('gid://shopify/Order/9', null, null)] } },
        extensions: customers.extensions,
      });
      const found = await connector.ordersByCustomer!({ phone: '+12125550143' }, 3);
      expect(found).toHaveLength(1);
      expect(sent.map((r) => [r.operation, r.variables])).toEqual([
        ['CustomersByPhone', { query: 'phone:"+12125550143"' }],
        ['OrdersByCustomer', { query: 'customer_id:77', first: 3 }],
      ]);
    });

    it('answers no orders for a phone no customer has, without searching orders', async () => {
      const customers = shopifyReply('customers');
      answer(sent, 200, { data: { customers: { nodes: [] } }, extensions: customers.extensions });
      expect(await connector.ordersByCustomer!({ phone: '+12125550100' }, 3)).toEqual([]);
      expect(sent).toHaveLength(1);
    });
  });

  it('finds an order by number and sends the token, the operation and a quoted name search', async () => {
    const reply = shopifyReply('order-usd-multi-fulfillment');
    const scope = answer(sent, 200, reply);

    const found = await connector.orderByNumber!('1001');

    expect(found).toEqual({ resource: 'order', payload: reply.data.orders.nodes[0] });
    expect(sent).toEqual([
      { operation: 'OrderByName', variables: { query: 'name:"#1001"' }, token: 'shpat_test' },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it('uses the configured order name prefix', async () => {
    await connector.close?.();
    connector = create({ orderNamePrefix: 'EU-' });
    const reply = shopifyReply('order-jpy');
    reply.data.orders.nodes[0].name = 'EU-1002';
    answer(sent, 200, reply);

    const found = await connector.orderByNumber!('1002');

    expect(sent[0].variables).toEqual({ query: 'name:"EU-1002"' });
    expect(found?.payload).toMatchObject({ name: 'EU-1002' });
  });

  it('returns null when the search finds nothing', async () => {
    answer(sent, 200, { data: { orders: { nodes: [] } }, extensions: shopifyReply('order-jpy').extensions });

    await expect(connector.orderByNumber!('424242')).resolves.toBeNull();
    expect(sent[0].variables).toEqual({ query: 'name:"#424242"' });
  });

  it('ignores loose search results whose name is not exactly the order', async () => {
    const reply = shopifyReply('order-usd-multi-fulfillment');
    reply.data.orders.nodes[0].name = '#10010';
    answer(sent, 200, reply);

    await expect(connector.orderByNumber!('1001')).resolves.toBeNull();
  });

  it('picks the exact name among loose search results', async () => {
    const reply = shopifyReply('order-usd-multi-fulfillment');
    const exact = reply.data.orders.nodes[0];
    reply.data.orders.nodes = [{ ...exact, id: 'gid://shopify/Order/5909999999999', name: '#10010' }, exact];
    answer(sent, 200, reply);

    const found = await connector.orderByNumber!('1001');

    expect(found?.payload).toEqual(exact);
  });

  it('returns only customers whose email is exactly the one asked for (case-insensitive)', async () => {
    const reply = shopifyReply('customers');
    answer(sent, 200, reply);

    const found = await connector.customersByEmail!('jane.doe@example.com');

    expect(sent).toEqual([
      {
        operation: 'CustomersByEmail',
        variables: { query: 'email:"jane.doe@example.com"' },
        token: 'shpat_test',
      },
    ]);
    expect(found).toEqual([{ resource: 'customer', payload: reply.data.customers.nodes[0] }]);
  });

  it('returns no customers when none has that exact email', async () => {
    answer(sent, 200, shopifyReply('customers'));

    await expect(connector.customersByEmail!('jane@example.com')).resolves.toEqual([]);
  });

  it('searches a whole name as first and last name, and keeps only people with exactly that name', async () => {
    const reply = shopifyReply('customers');
    answer(sent, 200, reply);

    const found = await connector.customersByName!('  jane   DOE ');

    expect(sent).toEqual([
      {
        operation: 'CustomersByName',
        variables: { query: 'first_name:"jane" last_name:"DOE"' },
        token: 'shpat_test',
      },
    ]);
    // The second node (a loose match with no name) is dropped.
    expect(found).toEqual([{ resource: 'customer', payload: reply.data.customers.nodes[0] }]);
  });

  it('searches one word as free text, matching a first or last name exactly', async () => {
    answer(sent, 200, shopifyReply('customers'));
    answer(sent, 200, shopifyReply('customers'));

    expect(await connector.customersByName!('Doe')).toHaveLength(1);
    expect(await connector.customersByName!('Do')).toEqual([]);
    expect(sent.map((s) => s.variables)).toEqual([{ query: '"Doe"' }, { query: '"Do"' }]);
    await expect(connector.customersByName!('   ')).resolves.toEqual([]);
  });

  it('searches three or more words as the whole name in free text (first and last may hold spaces)', async () => {
    answer(sent, 200, shopifyReply('customers'));
    expect(await connector.customersByName!('Mary Ann Smith')).toEqual([]);
    expect(sent.map((s) => s.variables)).toEqual([{ query: '"Mary Ann Smith"' }]);
  });

  it('maps HTTP 401 to auth_failed, not retryable', async () => {
    answer(sent, 401, {
      errors: '[API] Invalid API key or access token (unrecognized login or wrong password)',
    });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, httpStatus: 401 });
  });

  it('maps a GraphQL ACCESS_DENIED error to auth_failed', async () => {
    answer(sent, 200, {
      errors: [
        {
          message: 'Access denied for orders field. Required access: `read_orders` access scope.',
          extensions: { code: 'ACCESS_DENIED', documentation: 'https://shopify.dev/api/usage/access-scopes' },
        },
      ],
      data: null,
    });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'auth_failed', retryable: false });
  });

  it('maps HTTP 503 to upstream_unavailable, retryable', async () => {
    answer(sent, 503, { errors: 'Service Unavailable' });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true, httpStatus: 503 });
  });

  it('maps HTTP 429 with Retry-After: 2 to rate_limited with retryAfterMs 2000, without retrying', async () => {
    const scope = answer(
      sent,
      429,
      { errors: 'Exceeded 2 calls per second for api client.' },
      { 'Retry-After': '2' },
    );

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 2000,
      httpStatus: 429,
    });
    expect(scope.isDone()).toBe(true);
    expect(sent).toHaveLength(1);
  });

  it('waits out a short THROTTLED reply and retries once', async () => {
    // (3 − 1) / 100 points per second = 20 ms.
    answer(sent, 200, throttledReply(3, 1));
    const reply = shopifyReply('order-usd-multi-fulfillment');
    answer(sent, 200, reply);

    const started = Date.now();
    const found = await connector.orderByNumber!('1001');

    expect(Date.now() - started).toBeGreaterThanOrEqual(15);
    expect(found).toEqual({ resource: 'order', payload: reply.data.orders.nodes[0] });
    expect(sent.map((s) => s.operation)).toEqual(['OrderByName', 'OrderByName']);
  });

  it('gives up with rate_limited when the retry is THROTTLED again', async () => {
    answer(sent, 200, throttledReply(3, 1));
    answer(sent, 200, throttledReply(4, 1));
    const third = answer(sent, 200, shopifyReply('order-usd-multi-fulfillment'));

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 30 });
    expect(sent).toHaveLength(2);
    expect(third.isDone()).toBe(false);
  });

  it('fails fast with rate_limited when THROTTLED asks for a wait longer than maxThrottleWaitMs', async () => {
    // throttled.json: (752 − 52) / 100 = 7 s, far above the 1 s default.
    answer(sent, 200, shopifyReply('throttled'));
    const second = answer(sent, 200, shopifyReply('order-usd-multi-fulfillment'));

    const started = Date.now();
    const error = await failure(connector.orderByNumber!('1001'));

    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 7000 });
    expect(sent).toHaveLength(1);
    expect(second.isDone()).toBe(false);

    // The bucket is known to be empty now: the next call fails without a request.
    const next = await failure(connector.orderByNumber!('1001'));
    expect(next.code).toBe('rate_limited');
    expect(next.retryAfterMs).toBeGreaterThan(1000);
    expect(sent).toHaveLength(1);
  });

  it('maps a body that is not JSON to invalid_response', async () => {
    answer(sent, 200, '{"data": {"orders": ');

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
  });

  it('maps a reply without `orders` to invalid_response', async () => {
    answer(sent, 200, { data: {}, extensions: shopifyReply('order-jpy').extensions });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('orders');
  });

  it('maps an order node without an id to invalid_response', async () => {
    const reply = shopifyReply('order-jpy');
    delete reply.data.orders.nodes[0].id;
    answer(sent, 200, reply);

    const error = await failure(connector.orderByNumber!('1002'));

    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('orders.nodes.0.id');
  });

  it('maps a GraphQL error other than throttling to bad_request, not retryable', async () => {
    answer(sent, 200, {
      errors: [
        {
          message: "Field 'fulfilmentOrders' doesn't exist on type 'Order'",
          locations: [{ line: 40, column: 3 }],
          path: ['query OrderByName', 'orders', 'nodes', 'fulfilmentOrders'],
          extensions: { code: 'undefinedField', typeName: 'Order', fieldName: 'fulfilmentOrders' },
        },
      ],
    });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'bad_request', retryable: false });
    expect(error.message).toContain('fulfilmentOrders');
  });

  it('maps a GraphQL error without extensions (e.g. a syntax error) to bad_request', async () => {
    answer(sent, 200, {
      errors: [{ message: 'syntax error, unexpected end of file', locations: [{ line: 1, column: 5 }] }],
    });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'bad_request', retryable: false });
  });

  it('maps GraphQL INTERNAL_SERVER_ERROR (Shopify’s HTTP 500 stand-in) to upstream_unavailable', async () => {
    answer(sent, 200, {
      errors: [
        {
          message:
            'Internal error. Looks like something went wrong on our end.\nRequest ID: 1b355a21-7117-44c5-8d8b-8948082f40a8 (include this in support requests).',
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: '1b355a21-7117-44c5-8d8b-8948082f40a8' },
        },
      ],
    });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true });
  });

  it('maps an HTML 502 from the edge to upstream_unavailable, not invalid_response', async () => {
    nock(SHOP)
      .post(GRAPHQL)
      .reply(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', { 'Content-Type': 'text/html' });

    const error = await failure(connector.orderByNumber!('1001'));

    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true, httpStatus: 502 });
  });

  // nock's replyWithError cannot go through the stacked nocks described at the top (the error lands
  // on a socket nobody listens to), so the socket errors got reports are translated directly here;
  // test/integration/shopify/base-url.spec.ts covers a real refused connection.
  it.each(['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])(
    'maps a %s socket error to upstream_unavailable, retryable',
    (code) => {
      const gotError = Object.assign(new Error('socket hang up'), { name: 'RequestError', code });

      expect(toConnectorError(gotError)).toMatchObject({ code: 'upstream_unavailable', retryable: true });
    },
  );

  it('maps a reply slower than timeoutMs to timeout', async () => {
    await connector.close?.();
    connector = create({ timeoutMs: 200 });
    nock(SHOP).post(GRAPHQL).delay(2_000).reply(200, shopifyReply('order-jpy'));

    const started = Date.now();
    const error = await failure(connector.orderByNumber!('1002'));

    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('calls https://<shop>/admin/api/<version>/graphql.json without a baseUrl', async () => {
    await connector.close?.();
    connector = create({ baseUrl: undefined });

    // No interceptor for the shop: nock refuses the connection and names where it was going.
    const error = await failure(connector.orderByNumber!('1001'));

    expect(error.code).toBe('upstream_unavailable');
    expect((error.cause as Error).message).toContain(
      '"acme.myshopify.com:443/admin/api/2025-10/graphql.json"',
    );
  });

  it('passes the health check on a shop reply and exposes the mapping context', async () => {
    answer(sent, 200, {
      data: { shop: { name: 'Acme Outfitters', currencyCode: 'USD' } },
      extensions: shopifyReply('customers').extensions,
    });

    await expect(connector.healthCheck()).resolves.toBeUndefined();
    expect(sent[0].operation).toBe('HubHealthCheck');
    expect(connector.mappingContext).toEqual({
      connector: 'shopify',
      adminUrl: 'https://admin.shopify.com/store/acme',
    });
  });
});
