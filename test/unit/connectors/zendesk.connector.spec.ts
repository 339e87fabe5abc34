import nock from 'nock';
import { zendeskConnector } from '../../../connectors/zendesk';
import { type Connector, type IdMemory } from '../../../src/connectors/contract';
import { type Json, zendeskReply } from '../../fixtures/zendesk';
import { failure } from '../../support/connector-failure';

/** nock answers as the Zendesk account itself; test/setup/nock-restore.ts keeps each file's nock to itself. */
const ACCOUNT = 'https://acme.zendesk.com';
const SEARCH = '/api/v2/users/search';
const REQUESTED = (id: number) => `/api/v2/users/${id}/tickets/requested`;
const TICKET_SEARCH = '/api/v2/search';
const BASIC = `Basic ${Buffer.from('agent@acme.example/token:zd_test_token').toString('base64')}`;
const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

function create(overrides: Record<string, unknown> = {}, ids?: IdMemory): Connector {
  const options = zendeskConnector.optionsSchema.parse({
    subdomain: 'acme',
    email: 'agent@acme.example',
    apiToken: 'zd_test_token',
    ...overrides,
  });
  return zendeskConnector.create(options, { id: 'zendesk', logger: { debug() {}, warn() {} }, ids });
}

interface Sent {
  path: string;
  query: Record<string, string>;
  auth?: string;
}

/** Intercepts one GET, records what was sent, and answers with `status`/`body`. */
function answer(
  sent: Sent[],
  path: string,
  status: number,
  body: Json,
  headers: Record<string, string> = {},
) {
  return nock(ACCOUNT)
    .get(path)
    .query(true)
    .reply(function (uri) {
      const url = new URL(uri, ACCOUNT);
      sent.push({
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        auth: this.req.headers.authorization as string | undefined,
      });
      return [
        status,
        typeof body === 'string' ? body : JSON.stringify(body),
        { ...JSON_HEADERS, ...headers },
      ];
    });
}

describe('ZendeskConnector (Support API v2 via nock)', () => {
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

  describe('customers', () => {
    it('searches users by the normalized email with Basic {email}/token:{token} and returns user records', async () => {
      const reply = zendeskReply('users-search');
      answer(sent, SEARCH, 200, reply);

      const found = await connector.customersByEmail!(' Jane.Doe@Example.com ');

      expect(sent).toEqual([{ path: SEARCH, query: { query: 'email:jane.doe@example.com' }, auth: BASIC }]);
      expect(found).toEqual([{ resource: 'user', payload: reply.users[0] }]);
    });

    it('sends an OAuth token as Bearer', async () => {
      await connector.close?.();
      connector = create({ email: undefined, apiToken: undefined, oauthToken: 'zd_oauth_abc' });
      answer(sent, SEARCH, 200, zendeskReply('users-search'));

      await connector.customersByEmail!('jane.doe@example.com');

      expect(sent[0].auth).toBe('Bearer zd_oauth_abc');
    });

    it('returns no customers when the search finds none, or only other emails', async () => {
      answer(sent, SEARCH, 200, { users: [], next_page: null, previous_page: null, count: 0 });
      await expect(connector.customersByEmail!('nobody@example.com')).resolves.toEqual([]);

      const loose = zendeskReply('users-search');
      loose.users[0].email = 'jane.doe.senior@example.com';
      answer(sent, SEARCH, 200, loose);
      await expect(connector.customersByEmail!('jane.doe@example.com')).resolves.toEqual([]);
    });

    it('searches the phone as digits and keeps users whose primary phone has the same digits', async () => {
      const reply = zendeskReply('users-search-phone');
      reply.users.push({ ...reply.users[0], id: 5, phone: '+1 415 555 01234' });
      answer(sent, SEARCH, 200, reply);

      const found = await connector.customersByPhone!('+14155550123');

      expect(sent[0].query).toEqual({ query: 'phone:14155550123' });
      expect(found.map((r) => (r.payload as Json).id)).toEqual([35436, 902214]);
    });

    it('keeps a user whose phone is written without its country when the shop’s region says which', async () => {
      const reply = zendeskReply('users-search-phone');
      reply.users = [{ ...reply.users[0], id: 7, phone: '020 7946 0958' }];
      answer(sent, SEARCH, 200, reply);
      answer(sent, SEARCH, 200, reply);
      const inGb = zendeskConnector.create(
        zendeskConnector.optionsSchema.parse({
          subdomain: 'acme',
          email: 'agent@acme.example',
          apiToken: 'zd_test',
        }),
        { id: 'zendesk', logger: { debug() {}, warn() {} }, phoneRegion: 'GB' },
      );
      await expect(inGb.customersByPhone!('+442079460958')).resolves.toHaveLength(1);
      // Without a region the stored number names no country: it is nobody's.
      await expect(connector.customersByPhone!('+442079460958')).resolves.toEqual([]);
      await inGb.close?.();
    });
  });

  describe('cases', () => {
    it('finds a new user and their tickets in one round: a ticket search by requester beside the user search (issue 11)', async () => {
      const order: string[] = [];
      let answerUsers!: () => void;
      nock(ACCOUNT)
        .get(SEARCH)
        .query(true)
        .reply((_uri, _body, callback) => {
          order.push('user search asked');
          answerUsers = () => callback(null, [200, zendeskReply('users-search'), JSON_HEADERS]);
        });
      const results = zendeskReply('tickets-search');
      results.results.reverse(); // whatever order Zendesk answers in
      nock(ACCOUNT)
        .get(TICKET_SEARCH)
        .query(true)
        .reply(function (uri) {
          const url = new URL(uri, ACCOUNT);
          order.push('ticket search asked');
          sent.push({
            path: url.pathname,
            query: Object.fromEntries(url.searchParams),
            auth: this.req.headers.authorization as string,
          });
          answerUsers();
          return [200, JSON.stringify(results), JSON_HEADERS];
        });

      const cases = await connector.casesByCustomer!({ email: ' Jane.Doe@example.com ' });

      expect(order).toEqual(['user search asked', 'ticket search asked']);
      expect(sent).toEqual([
        {
          path: TICKET_SEARCH,
          query: {
            query: 'type:ticket requester:"jane.doe@example.com"',
            sort_by: 'updated_at',
            sort_order: 'desc',
            per_page: '100',
          },
          auth: BASIC,
        },
      ]);
      // Only the tickets of the user whose email is exactly this one: 20450 is another requester's.
      expect(cases.every((c) => c.resource === 'ticket')).toBe(true);
      expect(cases.map((c) => (c.payload as Json).id)).toEqual([20399, 20417, 20388, 20101, 19876]);
      expect(cases[1].payload).toEqual(
        zendeskReply('tickets-requested').tickets.find((t: Json) => t.id === 20417),
      );
    });

    it('reads the requested tickets of the user found when the ticket search fails', async () => {
      answer(sent, SEARCH, 200, zendeskReply('users-search'));
      answer(sent, TICKET_SEARCH, 503, { error: 'ServiceUnavailable' });
      const tickets = zendeskReply('tickets-requested');
      tickets.tickets.reverse();
      answer(sent, REQUESTED(35436), 200, tickets);

      const cases = await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

      expect(sent.find((s) => s.path === REQUESTED(35436))).toEqual({
        path: REQUESTED(35436),
        query: { sort_by: 'updated_at', sort_order: 'desc', per_page: '100' },
        auth: BASIC,
      });
      expect(cases.map((c) => (c.payload as Json).id)).toEqual([20399, 20417, 20388, 20101, 19876]);
    });

    it('reads the tickets of a remembered user at once, and keeps them when the search finds that user (issue 11)', async () => {
      const stored = new Map<string, readonly string[]>([['users:jane.doe@example.com|', ['35436']]]);
      await connector.close?.();
      connector = create(
        {},
        {
          recall: async (kind, key) => stored.get(`${kind}:${key}`),
          remember: (kind, key, ids) => void stored.set(`${kind}:${key}`, ids),
        },
      );
      let answerUsers!: () => void;
      const order: string[] = [];
      const unmatched: string[] = [];
      const noMatch = (req: { path: string }) => unmatched.push(req.path);
      nock.emitter.on('no match', noMatch);
      nock(ACCOUNT)
        .get(SEARCH)
        .query(true)
        .reply((_uri, _body, callback) => {
          order.push('user search asked');
          answerUsers = () => {
            order.push('user search answered');
            callback(null, [200, zendeskReply('users-search'), JSON_HEADERS]);
          };
        });
      nock(ACCOUNT)
        .get(REQUESTED(35436))
        .query(true)
        .reply(() => {
          order.push('tickets asked');
          answerUsers();
          return [200, JSON.stringify(zendeskReply('tickets-requested')), JSON_HEADERS];
        });

      const cases = await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

      // Nothing else was asked: with the id remembered there is no ticket search.
      expect(order).toEqual(['user search asked', 'tickets asked', 'user search answered']);
      nock.emitter.removeListener('no match', noMatch);
      expect(unmatched).toEqual([]);
      expect(cases).toHaveLength(5);
      expect(stored.get('users:jane.doe@example.com|')).toEqual(['35436']);
    });

    it('finds the person by phone when the email is unknown, and merges the tickets of every match', async () => {
      answer(sent, TICKET_SEARCH, 200, {
        results: [],
        facets: null,
        next_page: null,
        previous_page: null,
        count: 0,
      });
      answer(sent, SEARCH, 200, { users: [], count: 0 });
      answer(sent, SEARCH, 200, zendeskReply('users-search-phone'));
      const all = zendeskReply('tickets-requested').tickets;
      answer(sent, REQUESTED(35436), 200, { tickets: all.slice(0, 2), count: 2 });
      answer(sent, REQUESTED(902214), 200, { tickets: [all[1], all[4]], count: 2 });

      const cases = await connector.casesByCustomer!({ email: 'old@example.com', phone: '+14155550123' });

      expect(sent.filter((s) => s.path === SEARCH).map((s) => s.query.query)).toEqual([
        'email:old@example.com',
        'phone:14155550123',
      ]);
      expect(cases.map((c) => (c.payload as Json).id)).toEqual([all[0].id, all[1].id, all[4].id]);
    });

    it('answers [] without further calls when nobody matches, whatever the ticket search found', async () => {
      answer(sent, SEARCH, 200, { users: [], count: 0 });
      answer(sent, TICKET_SEARCH, 200, zendeskReply('tickets-search'));
      await expect(connector.casesByCustomer!({ email: 'nobody@example.com' })).resolves.toEqual([]);
      expect(sent.map((s) => s.path).sort()).toEqual([TICKET_SEARCH, SEARCH]);
    });

    it('treats a 404 on the tickets (user deleted since the search) as no tickets', async () => {
      answer(sent, SEARCH, 200, zendeskReply('users-search'));
      answer(sent, TICKET_SEARCH, 503, { error: 'ServiceUnavailable' });
      answer(sent, REQUESTED(35436), 404, { error: 'RecordNotFound', description: 'Not found' });
      await expect(connector.casesByCustomer!({ email: 'jane.doe@example.com' })).resolves.toEqual([]);
    });
  });

  describe('errors', () => {
    it('maps HTTP 401 to auth_failed, not retryable', async () => {
      answer(sent, SEARCH, 401, { error: "Couldn't authenticate you" });
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({ code: 'auth_failed', retryable: false, httpStatus: 401 });
    });

    it('maps 429 with Retry-After to rate_limited with that wait, without retrying', async () => {
      const scope = answer(
        sent,
        SEARCH,
        429,
        { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' },
        { 'Retry-After': '7' },
      );
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({
        code: 'rate_limited',
        retryable: true,
        retryAfterMs: 7000,
        httpStatus: 429,
      });
      expect(scope.isDone()).toBe(true);
      expect(sent).toHaveLength(1);
    });

    it('maps HTTP 503 to upstream_unavailable, keeping its Retry-After', async () => {
      answer(sent, SEARCH, 503, { error: 'ServiceUnavailable' }, { 'Retry-After': '30' });
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true, retryAfterMs: 30_000 });
    });

    it('maps a body that is not JSON to invalid_response', async () => {
      answer(sent, SEARCH, 200, '{"users": [{"id": 35');
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    });

    it('maps a ticket without a status to invalid_response naming the field', async () => {
      answer(sent, SEARCH, 200, zendeskReply('users-search'));
      const tickets = zendeskReply('tickets-requested');
      delete tickets.tickets[2].status;
      answer(sent, REQUESTED(35436), 200, tickets);
      const error = await failure(connector.casesByCustomer!({ email: 'jane.doe@example.com' }));
      expect(error.code).toBe('invalid_response');
      expect(error.message).toContain('tickets.2.status');
    });

    it('maps a reply slower than timeoutMs to timeout', async () => {
      await connector.close?.();
      connector = create({ timeoutMs: 200 });
      nock(ACCOUNT).get(SEARCH).query(true).delay(2_000).reply(200, zendeskReply('users-search'));

      const started = Date.now();
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));

      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect(Date.now() - started).toBeLessThan(1_500);
    });
  });

  describe('health, links and options', () => {
    it('checks health with /users/me', async () => {
      answer(sent, '/api/v2/users/me', 200, zendeskReply('me'));
      await expect(connector.healthCheck()).resolves.toBeUndefined();
      expect(sent).toEqual([{ path: '/api/v2/users/me', query: {}, auth: BASIC }]);
    });

    it('fails the health check when Zendesk sees an anonymous user', async () => {
      answer(sent, '/api/v2/users/me', 200, { user: { id: null, name: 'Anonymous user', role: 'end-user' } });
      await expect(failure(connector.healthCheck())).resolves.toMatchObject({ code: 'auth_failed' });
    });

    it('links into the real account even when baseUrl points elsewhere', async () => {
      const proxied = create({ baseUrl: 'http://127.0.0.1:9/api/v2' });
      expect(proxied.mappingContext).toEqual({
        connector: 'zendesk',
        agentUrl: 'https://acme.zendesk.com/agent',
      });
      await proxied.close?.();
    });

    it('tells an agent where to look by hand', () => {
      expect(connector.manualLookup({ email: 'jane.doe@example.com' })).toEqual({
        instructions: expect.stringContaining('jane.doe@example.com'),
        url: 'https://acme.zendesk.com/agent/search/1?type=user&q=jane.doe%40example.com',
      });
      expect(connector.manualLookup({ orderNumber: '1001' }).url).toBe(
        'https://acme.zendesk.com/agent/search/1?type=ticket&q=1001',
      );
    });

    it.each([
      [{ subdomain: 'acme' }, 'apiToken'],
      [{ subdomain: 'acme', apiToken: 't' }, 'email'],
      [{ subdomain: 'acme', email: 'a@acme.example' }, 'apiToken'],
      [{ subdomain: 'acme', email: 'a@acme.example', apiToken: 't', oauthToken: 'o' }, 'oauthToken'],
      [{ subdomain: 'acme.zendesk.com', oauthToken: 'o' }, 'subdomain'],
      [{ subdomain: 'acme', oauthToken: 'o', password: 'p' }, ''],
    ])('rejects options %j (at %s)', (options, path) => {
      const result = zendeskConnector.optionsSchema.safeParse(options);
      expect(result.success).toBe(false);
      expect(result.error!.issues.map((i) => i.path.join('.'))).toContain(path);
    });

    it('calls https://{subdomain}.zendesk.com/api/v2 without a baseUrl', async () => {
      // No interceptor: nock refuses the connection and names where it was going.
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error.code).toBe('upstream_unavailable');
      expect(String((error.cause as Error).message)).toContain('acme.zendesk.com');
    });
  });
});
