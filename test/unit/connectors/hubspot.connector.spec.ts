import nock from 'nock';
import { hubspotConnector } from '../../../connectors/hubspot';
import { CONTACT_PROPERTIES, TICKET_PROPERTIES } from '../../../connectors/hubspot/hubspot.connector';
import { contactSchema, ticketSchema } from '../../../connectors/hubspot/hubspot.payloads';
import { type Connector, type IdMemory } from '../../../src/connectors/contract';
import { hubspotReply, type Json } from '../../fixtures/hubspot';
import { failure } from '../../support/connector-failure';

/** nock answers as HubSpot itself; test/setup/nock-restore.ts keeps each file's nock to itself. */
const API = 'https://api.hubapi.com';
const SEARCH = '/crm/v3/objects/contacts/search';
const TICKETS = '/crm/v3/objects/tickets/search';
const CONTACT = (email: string) => `/crm/v3/objects/contacts/${encodeURIComponent(email)}`;
const BATCH = '/crm/v3/objects/tickets/batch/read';
/** The query of a contact read by email, with its tickets' ids. */
const CONTACT_QUERY =
  'idProperty=email&properties=email,firstname,lastname,phone,mobilephone,createdate,lastmodifieddate,hs_object_id&associations=tickets';

/** The contact of the search fixture as a read by email answers it: with its tickets' ids (those of the batch-read fixture). */
const contactRead = (tickets: Json[] = hubspotReply('tickets-batch-read').results): Json => ({
  ...hubspotReply('contacts-search').results[0],
  ...(tickets.length
    ? {
        associations: { tickets: { results: tickets.map((t) => ({ id: t.id, type: 'contact_to_ticket' })) } },
      }
    : {}),
});
const NOT_FOUND = { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' };

/** A tickets search reply holding the tickets of a batch-read fixture (the same CRM objects). */
const ticketSearch = (batch: Json = hubspotReply('tickets-batch-read')) => ({
  total: batch.results.length,
  results: batch.results,
});
const PIPELINES = '/crm/v3/pipelines/tickets';
const JSON_HEADERS = { 'Content-Type': 'application/json;charset=utf-8' };

const warnings: { msg: string; meta?: object }[] = [];

function create(overrides: Record<string, unknown> = {}, ids?: IdMemory): Connector {
  const options = hubspotConnector.optionsSchema.parse({
    accessToken: 'pat-na1-test',
    portalId: '1234567',
    ...overrides,
  });
  return hubspotConnector.create(options, {
    id: 'hubspot',
    logger: { debug() {}, warn: (msg, meta) => warnings.push({ msg, meta }) },
    ids,
  });
}

/** An id memory in a Map (the hub's is in Redis: test/integration/redis/id-memory.spec.ts). */
function mapMemory(stored: Map<string, readonly string[]>): IdMemory {
  return {
    recall: async (kind, key) => stored.get(`${kind}:${key}`),
    remember: (kind, key, ids) => void stored.set(`${kind}:${key}`, ids),
  };
}

interface Sent {
  method: string;
  path: string;
  body?: Json;
  auth?: string;
}

/** Every request the connector sends, as HubSpot saw it. */
function hubspot(sent: Sent[]) {
  const record = (method: string) =>
    function (this: { req: { headers: Record<string, string> } }, path: string, body: Json) {
      sent.push({ method, path, body: body || undefined, auth: this.req.headers.authorization });
    };
  return {
    search(reply: Json, status = 200, headers: Record<string, string> = {}) {
      return nock(API)
        .post(SEARCH)
        .reply(function (path, body) {
          record('POST').call(this, path, body);
          return [
            status,
            typeof reply === 'string' ? reply : JSON.stringify(reply),
            { ...JSON_HEADERS, ...headers },
          ];
        });
    },
    contact(reply: Json = contactRead(), status = 200, headers: Record<string, string> = {}) {
      return nock(API)
        .get(/^\/crm\/v3\/objects\/contacts\/[^/]+/)
        .reply(function (path) {
          record('GET').call(this, path, undefined);
          return [
            status,
            typeof reply === 'string' ? reply : JSON.stringify(reply),
            { ...JSON_HEADERS, ...headers },
          ];
        });
    },
    batch(reply: Json = hubspotReply('tickets-batch-read'), status = 200) {
      return nock(API)
        .post(BATCH)
        .reply(function (path, body) {
          record('POST').call(this, path, body);
          return [status, JSON.stringify(reply), JSON_HEADERS];
        });
    },
    tickets(reply: Json = ticketSearch(), status = 200) {
      return nock(API)
        .post(TICKETS)
        .reply(function (path, body) {
          record('POST').call(this, path, body);
          return [status, JSON.stringify(reply), JSON_HEADERS];
        });
    },
    pipelines(reply: Json = hubspotReply('pipelines-tickets'), status = 200) {
      return nock(API)
        .get(PIPELINES)
        .reply(function (path) {
          record('GET').call(this, path, undefined);
          return [status, JSON.stringify(reply), JSON_HEADERS];
        });
    },
  };
}

describe('HubspotConnector (CRM v3/v4 via nock)', () => {
  let connector: Connector;
  let sent: Sent[];
  let api: ReturnType<typeof hubspot>;

  beforeEach(() => {
    sent = [];
    warnings.length = 0;
    api = hubspot(sent);
    connector = create();
  });

  afterEach(async () => {
    await connector.close?.();
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  describe('customers', () => {
    it('reads the contact by the normalized email (no CRM search) with the Bearer token', async () => {
      const reply = contactRead();
      api.contact(reply);

      const found = await connector.customersByEmail!(' Jane.Doe@Example.com ');

      expect(sent).toEqual([
        {
          method: 'GET',
          path: `${CONTACT('jane.doe@example.com')}?${CONTACT_QUERY}`,
          body: undefined,
          auth: 'Bearer pat-na1-test',
        },
      ]);
      expect(found).toEqual([{ resource: 'contact', payload: reply }]);
    });

    it('returns no customers when HubSpot has no contact with that email (404)', async () => {
      api.contact(NOT_FOUND, 404);
      await expect(connector.customersByEmail!('nobody@example.com')).resolves.toEqual([]);
    });

    it('drops a contact whose primary email is not exactly the one asked for', async () => {
      const reply = contactRead();
      reply.properties.email = 'jane.doe+old@example.com';
      api.contact(reply);
      await expect(connector.customersByEmail!('jane.doe@example.com')).resolves.toEqual([]);
    });

    it('searches phone OR mobilephone with the E.164 value and keeps contacts whose number has the same digits', async () => {
      const reply = hubspotReply('contacts-search-phone');
      reply.results.push({
        ...reply.results[0],
        id: '777',
        properties: { ...reply.results[0].properties, phone: '+1415555012', mobilephone: null },
      });
      api.search(reply);

      const found = await connector.customersByPhone!('+14155550123');

      expect(sent[0].body.filterGroups).toEqual([
        { filters: [{ propertyName: 'phone', operator: 'EQ', value: '+14155550123' }] },
        { filters: [{ propertyName: 'mobilephone', operator: 'EQ', value: '+14155550123' }] },
      ]);
      expect(found.map((r) => (r.payload as Json).id)).toEqual(['51', '2251']);
      expect(found.every((r) => r.resource === 'contact')).toBe(true);
    });
  });

  describe('cases', () => {
    it('finds the contact, its associated tickets and their stages; newest first', async () => {
      api.contact();
      api.batch();
      api.pipelines();

      const cases = await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

      // Two round trips and no CRM search: the contact with its tickets' ids, then those tickets
      // in a batch read (pipelines alongside).
      expect(sent.map((s) => `${s.method} ${s.path.split('?')[0]}`).sort()).toEqual(
        [`GET ${CONTACT('jane.doe@example.com')}`, `POST ${BATCH}`, `GET ${PIPELINES}`].sort(),
      );
      expect(sent.every((s) => s.auth === 'Bearer pat-na1-test')).toBe(true);
      const read = sent.find((s) => s.path === BATCH)!.body;
      expect(read.inputs).toEqual([
        { id: '1570004' },
        { id: '1570003' },
        { id: '1570002' },
        { id: '1570001' },
      ]);
      expect(read.properties).toEqual(
        expect.arrayContaining([
          'subject',
          'hs_pipeline',
          'hs_pipeline_stage',
          'hs_ticket_priority',
          'source_type',
        ]),
      );

      expect(cases.map((c) => c.resource)).toEqual(['ticket', 'ticket', 'ticket', 'ticket']);
      const payloads = cases.map((c) => c.payload as Json);
      expect(payloads.map((p) => p.id)).toEqual(['1570004', '1570001', '1570002', '1570003']);
      expect(payloads.map((p) => p.stage)).toEqual([
        {
          id: '101998474',
          label: 'Escalated to warehouse',
          ticketState: 'OPEN',
          pipeline: { id: '68735212', label: 'Returns' },
        },
        { id: '1', label: 'New', ticketState: 'OPEN', pipeline: { id: '0', label: 'Support Pipeline' } },
        {
          id: '2',
          label: 'Waiting on contact',
          ticketState: 'OPEN',
          pipeline: { id: '0', label: 'Support Pipeline' },
        },
        { id: '4', label: 'Closed', ticketState: 'CLOSED', pipeline: { id: '0', label: 'Support Pipeline' } },
      ]);
      expect(payloads[1].properties.subject).toBe('Where is my order #1001?');
    });

    it('keeps the pipelines for the TTL: a second lookup does not fetch them again', async () => {
      for (let i = 0; i < 2; i++) {
        api.contact();
        api.batch();
      }
      const pipelines = api.pipelines();
      const again = api.pipelines();

      await connector.casesByCustomer!({ email: 'jane.doe@example.com' });
      await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

      expect(pipelines.isDone()).toBe(true);
      expect(again.isDone()).toBe(false);
    });

    it('fetches the pipelines again once the TTL has passed', async () => {
      await connector.close?.();
      connector = create({ pipelineCacheTtlMs: 0 });
      for (let i = 0; i < 2; i++) {
        api.contact();
        api.batch();
        api.pipelines();
      }

      await connector.casesByCustomer!({ email: 'jane.doe@example.com' });
      await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

      expect(sent.filter((s) => s.path === PIPELINES)).toHaveLength(2);
    });

    it('passes the bare stage id on, and warns, for a stage in none of the pipelines it just fetched', async () => {
      const tickets = hubspotReply('tickets-batch-read');
      tickets.results[0].properties.hs_pipeline_stage = '555';
      api.contact();
      api.batch(tickets);
      api.pipelines();
      const again = api.pipelines();

      const cases = await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

      expect(again.isDone()).toBe(false); // fetched moments ago: fetching again would not help
      const unknown = cases.map((c) => c.payload as Json).find((p) => p.id === tickets.results[0].id);
      expect(unknown.stage).toEqual({ id: '555' });
      expect(warnings).toEqual([
        {
          msg: 'HubSpot ticket stage not in any ticket pipeline',
          meta: { ticket: tickets.results[0].id, pipeline: '0', stage: '555' },
        },
      ]);
    });

    it('fetches cached pipelines again, before the TTL, when a ticket is in a stage added since', async () => {
      const started = Date.now();
      const clock = jest.spyOn(Date, 'now').mockReturnValue(started);
      try {
        api.contact();
        api.batch();
        api.pipelines();
        await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

        clock.mockReturnValue(started + 60_000); // past the 30 s floor, well within the 10 min TTL
        const tickets = hubspotReply('tickets-batch-read');
        tickets.results[0].properties.hs_pipeline_stage = '555';
        const withNewStage = hubspotReply('pipelines-tickets');
        withNewStage.results[0].stages.push({
          id: '555',
          label: 'Escalated',
          metadata: { ticketState: 'OPEN' },
        });
        api.contact();
        api.batch(tickets);
        api.pipelines(withNewStage);

        const cases = await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

        expect(sent.filter((s) => s.path === PIPELINES)).toHaveLength(2);
        const moved = cases.map((c) => c.payload as Json).find((p) => p.id === tickets.results[0].id);
        expect(moved.stage).toEqual({
          id: '555',
          label: 'Escalated',
          ticketState: 'OPEN',
          pipeline: { id: '0', label: 'Support Pipeline' },
        });
        expect(warnings).toEqual([]);
      } finally {
        clock.mockRestore();
      }
    });

    it('finds the person by phone when the email is unknown to HubSpot', async () => {
      api.contact(NOT_FOUND, 404);
      api.search(hubspotReply('contacts-search'));
      const batch = hubspotReply('tickets-batch-read');
      batch.results = batch.results.filter((t: Json) => t.id === '1570001');
      api.tickets(ticketSearch(batch));
      api.pipelines();

      const cases = await connector.casesByCustomer!({ email: 'old@example.com', phone: '+14155550123' });

      expect(sent[0].path.split('?')[0]).toBe(CONTACT('old@example.com'));
      const searches = sent.filter((s) => s.path === SEARCH).map((s) => s.body.filterGroups[0].filters[0]);
      expect(searches).toEqual([{ propertyName: 'phone', operator: 'EQ', value: '+14155550123' }]);
      // Found by phone: its tickets come from a search on the association (no read named them).
      expect(sent.filter((s) => s.path === TICKETS)).toHaveLength(1);
      expect(cases.map((c) => (c.payload as Json).id)).toEqual(['1570001']);
    });

    it('answers [] without further calls when nobody matches', async () => {
      api.contact(NOT_FOUND, 404);
      await expect(connector.casesByCustomer!({ email: 'nobody@example.com' })).resolves.toEqual([]);
      expect(sent).toHaveLength(1);
    });

    it('answers [] when the contact has no tickets, without reading any', async () => {
      api.contact(contactRead([]));
      api.pipelines();

      await expect(connector.casesByCustomer!({ email: 'jane.doe@example.com' })).resolves.toEqual([]);
      expect(sent.filter((s) => s.path === BATCH || s.path === TICKETS)).toEqual([]);
    });

    it('reads the newest 200 of many tickets, in batches of 100', async () => {
      const template = hubspotReply('tickets-batch-read').results[1];
      const tickets = Array.from({ length: 250 }, (_, i) => ({ ...template, id: String(1_000_000 + i) }));
      api.contact(contactRead(tickets));
      const newest = tickets.slice(50).reverse();
      api.batch({ status: 'COMPLETE', results: newest.slice(0, 100) });
      api.batch({ status: 'COMPLETE', results: newest.slice(100) });
      api.pipelines();

      const cases = await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

      const batches = sent.filter((s) => s.path === BATCH).map((s) => s.body.inputs.map((i: Json) => i.id));
      expect(batches.flat().sort()).toEqual(newest.map((t) => t.id).sort());
      expect(batches.map((b) => b.length)).toEqual([100, 100]);
      expect(cases).toHaveLength(200);
    });

    it('follows the search pages past 200 tickets of contacts found by phone', async () => {
      const template = hubspotReply('tickets-batch-read').results[1];
      const tickets = Array.from({ length: 250 }, (_, i) => ({ ...template, id: String(1_000_000 + i) }));
      api.search(hubspotReply('contacts-search-phone'));
      api.tickets({ total: 250, results: tickets.slice(0, 200), paging: { next: { after: '200' } } });
      api.tickets({ total: 250, results: tickets.slice(200) });
      api.pipelines();

      const cases = await connector.casesByCustomer!({ phone: '+14155550123' });

      expect(sent.filter((s) => s.path === TICKETS).map((s) => s.body.after)).toEqual([undefined, '200']);
      expect(cases).toHaveLength(250);
    });

    it('asks for the tickets of every contact found by phone, five contacts a search', async () => {
      const contacts = hubspotReply('contacts-search');
      const one = contacts.results[0];
      contacts.results = Array.from({ length: 7 }, (_, i) => ({
        ...one,
        id: String(51 + i),
        properties: { ...one.properties, hs_object_id: String(51 + i) },
      }));
      contacts.total = 7;
      contacts.results.forEach((c: Json) => (c.properties.phone = '+14155550123'));
      api.search(contacts);
      api.tickets();
      api.tickets({ total: 0, results: [] });
      api.pipelines();

      const cases = await connector.casesByCustomer!({ phone: '+14155550123' });

      const groups = sent.filter((s) => s.path === TICKETS).map((s) => s.body.filterGroups.length);
      expect(groups).toEqual([5, 2]);
      expect(cases).toHaveLength(4);
    });
  });

  describe('remembered contact ids (issue 11)', () => {
    const KEY = 'contacts:jane.doe@example.com|';

    it('searches the tickets of a remembered contact while the contact read is still out', async () => {
      await connector.close?.();
      connector = create({}, mapMemory(new Map([[KEY, ['51']]])));
      let answerContact!: () => void;
      const order: string[] = [];
      nock(API)
        .get(/^\/crm\/v3\/objects\/contacts\//)
        .reply((_uri, _body, callback) => {
          order.push('contact read asked');
          answerContact = () => {
            order.push('contact read answered');
            callback(null, [200, contactRead(), JSON_HEADERS]);
          };
        });
      nock(API)
        .post(TICKETS)
        .reply(() => {
          order.push('ticket search asked');
          answerContact();
          return [200, JSON.stringify(ticketSearch()), JSON_HEADERS];
        });
      api.pipelines();

      const cases = await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

      // One search, sent at once; the read confirms the id, and no batch read is needed.
      expect(order).toEqual(['contact read asked', 'ticket search asked', 'contact read answered']);
      expect(cases).toHaveLength(4);
    });

    it('reads the tickets the contact read named when the head-start search fails', async () => {
      await connector.close?.();
      connector = create({}, mapMemory(new Map([[KEY, ['51']]])));
      api.contact();
      api.tickets({ status: 'error', message: 'internal error', category: 'UNAVAILABLE' }, 503);
      api.batch();
      api.pipelines();

      const cases = await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

      expect(
        sent
          .map((s) => s.path.split('?')[0])
          .filter((p) => p !== PIPELINES)
          .sort(),
      ).toEqual([BATCH, CONTACT('jane.doe@example.com'), TICKETS].sort());
      expect(cases).toHaveLength(4);
    });

    it('drops what a remembered id found when the read finds another contact, and remembers that one', async () => {
      const stored = new Map<string, readonly string[]>([[KEY, ['99']]]);
      await connector.close?.();
      connector = create({}, mapMemory(stored));
      api.contact();
      const stranger = hubspotReply('tickets-batch-read');
      stranger.results = stranger.results.map((t: Json) => ({ ...t, id: `9${t.id}` }));
      api.tickets(ticketSearch(stranger));
      api.batch();
      api.pipelines();

      const cases = await connector.casesByCustomer!({ email: 'jane.doe@example.com' });

      // The remembered contact's tickets were searched for, then dropped; contact 51's were read.
      expect(
        sent.filter((s) => s.path === TICKETS).map((s) => s.body.filterGroups[0].filters[0].value),
      ).toEqual(['99']);
      expect(sent.filter((s) => s.path === BATCH)).toHaveLength(1);
      expect(cases.map((c) => (c.payload as Json).id).sort()).toEqual([
        '1570001',
        '1570002',
        '1570003',
        '1570004',
      ]);
      expect(stored.get(KEY)).toEqual(['51']);
    });
  });

  describe('errors', () => {
    it('maps HTTP 401 to auth_failed, not retryable', async () => {
      api.contact(hubspotReply('unauthorized'), 401);
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({ code: 'auth_failed', retryable: false, httpStatus: 401 });
    });

    it('maps 429 with Retry-After to rate_limited with that wait', async () => {
      api.contact(hubspotReply('rate-limited'), 429, { 'Retry-After': '3' });
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({
        code: 'rate_limited',
        retryable: true,
        retryAfterMs: 3000,
        httpStatus: 429,
      });
      expect(error.message).toContain('SECONDLY');
      expect(sent).toHaveLength(1);
    });

    it('waits a second for the SECONDLY policy when there is no Retry-After', async () => {
      api.contact(hubspotReply('rate-limited'), 429);
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({ code: 'rate_limited', retryable: true, retryAfterMs: 1000 });
    });

    it('waits the rolling window for TEN_SECONDLY_ROLLING, from X-HubSpot-RateLimit-Interval-Milliseconds', async () => {
      api.contact({ ...hubspotReply('rate-limited'), policyName: 'TEN_SECONDLY_ROLLING' }, 429, {
        'X-HubSpot-RateLimit-Interval-Milliseconds': '10000',
      });
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 10_000 });
    });

    it('does not call a DAILY limit retryable', async () => {
      api.contact({ ...hubspotReply('rate-limited'), policyName: 'DAILY' }, 429);
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({ code: 'rate_limited', retryable: false });
      expect(error.retryAfterMs).toBeUndefined();
    });

    it('still says rate_limited for a 429 whose body is not JSON', async () => {
      api.contact('<html>Too Many Requests</html>', 429);
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({ code: 'rate_limited', retryable: true, httpStatus: 429 });
    });

    it('maps HTTP 503 to upstream_unavailable, retryable', async () => {
      api.contact({ status: 'error', message: 'internal error', category: 'UNAVAILABLE' }, 503);
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true, httpStatus: 503 });
    });

    it('maps a body that is not JSON to invalid_response', async () => {
      api.contact('{"id": "51", "properties": {');
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
    });

    it('maps a contact without an id to invalid_response naming the field', async () => {
      const reply = contactRead();
      delete reply.id;
      api.contact(reply);
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error.code).toBe('invalid_response');
      expect(error.message).toContain(': id:');
    });

    it('maps pipelines without stages to invalid_response', async () => {
      api.contact();
      api.batch();
      api.pipelines({ results: [{ id: '0', label: 'Support Pipeline' }] });
      const error = await failure(connector.casesByCustomer!({ email: 'jane.doe@example.com' }));
      expect(error.code).toBe('invalid_response');
      expect(error.message).toContain('results.0.stages');
    });

    it('maps a reply slower than timeoutMs to timeout', async () => {
      await connector.close?.();
      connector = create({ timeoutMs: 200 });
      nock(API)
        .get(/^\/crm\/v3\/objects\/contacts\//)
        .delay(2_000)
        .reply(200, contactRead());

      const started = Date.now();
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));

      expect(error).toMatchObject({ code: 'timeout', retryable: true });
      expect(Date.now() - started).toBeLessThan(1_500);
    });
  });

  describe('health, links and options', () => {
    it('checks health with the ticket pipelines', async () => {
      api.pipelines();
      await expect(connector.healthCheck()).resolves.toBeUndefined();
      expect(sent).toEqual([{ method: 'GET', path: PIPELINES, auth: 'Bearer pat-na1-test' }]);
    });

    it('fails the health check with auth_failed on 401', async () => {
      api.pipelines(hubspotReply('unauthorized'), 401);
      await expect(failure(connector.healthCheck())).resolves.toMatchObject({ code: 'auth_failed' });
    });

    it('exposes the record URL for deep links, and none without a portal id', async () => {
      expect(connector.mappingContext).toEqual({
        connector: 'hubspot',
        recordUrl: 'https://app.hubspot.com/contacts/1234567/record',
      });
      const eu = create({ portalId: 7654321, appOrigin: 'https://app-eu1.hubspot.com' });
      expect(eu.mappingContext.recordUrl).toBe('https://app-eu1.hubspot.com/contacts/7654321/record');
      await eu.close?.();
      const bare = create({ portalId: undefined });
      expect(bare.mappingContext).toEqual({ connector: 'hubspot' });
      expect(bare.manualLookup({ email: 'a@b.example' }).url).toBeUndefined();
      await bare.close?.();
    });

    it('asks HubSpot for every property its payload schemas declare', () => {
      // A property the mappings may read but the connector does not ask for would always be empty.
      expect(CONTACT_PROPERTIES).toEqual(
        expect.arrayContaining(Object.keys(contactSchema.shape.properties.shape)),
      );
      expect(TICKET_PROPERTIES).toEqual(
        expect.arrayContaining(Object.keys(ticketSchema.shape.properties.shape)),
      );
    });

    it('tells an agent where to look by hand', () => {
      expect(connector.manualLookup({ email: 'jane.doe@example.com' })).toEqual({
        instructions: expect.stringContaining('jane.doe@example.com'),
        url: 'https://app.hubspot.com/contacts/1234567/objects/0-1/views/all/list?query=jane.doe%40example.com',
      });
      expect(connector.manualLookup({ orderNumber: '1001' })).toEqual({
        instructions: expect.stringContaining('Tickets'),
        url: 'https://app.hubspot.com/contacts/1234567/objects/0-5/views/all/list?query=1001',
      });
    });

    it('rejects unknown and malformed options', () => {
      expect(hubspotConnector.optionsSchema.safeParse({ accessToken: 'x', apiKey: 'y' }).success).toBe(false);
      expect(hubspotConnector.optionsSchema.safeParse({ accessToken: 'x', portalId: 'acme' }).success).toBe(
        false,
      );
      expect(hubspotConnector.optionsSchema.safeParse({ portalId: '1' }).success).toBe(false);
    });

    it('calls https://api.hubapi.com without a baseUrl', async () => {
      // No interceptor: nock refuses the connection and names where it was going.
      const error = await failure(connector.customersByEmail!('jane.doe@example.com'));
      expect(error.code).toBe('upstream_unavailable');
      expect(String((error.cause as Error).message)).toContain('api.hubapi.com');
    });
  });
});
