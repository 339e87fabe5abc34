import { join } from 'node:path';
import { hubspotConnector } from '../../../connectors/hubspot';
import { HubspotAdapter } from '../../../sandbox/vendors/hubspot/hubspot.adapter';
import { buildHubspotView, contactId, ticketId } from '../../../sandbox/vendors/hubspot/hubspot.view';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { buildWorld } from '../../../sandbox/world/world';
import { type Customer as WorldCustomer, type Ticket, type World } from '../../../sandbox/world/world.types';
import { type Customer, type SupportCase } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { type Connector, type IdMemory } from '../../../src/connectors/contract';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { ANCHOR } from './sandbox.helpers';
import { failure } from '../../support/connector-failure';

const TOKEN = 'pat-sandbox';
const PORTAL = '1234567';
const RECORDS = `https://app.hubspot.com/contacts/${PORTAL}/record`;

/** What the hub should make of a world ticket through HubSpot (the Support Pipeline has no "on hold"). */
const STATUS: Record<Ticket['status'], SupportCase['status']> = {
  new: 'new',
  open: 'open',
  pending: 'pending',
  on_hold: 'open',
  solved: 'closed',
  closed: 'closed',
};
const CHANNEL: Partial<Record<Ticket['channel'], SupportCase['channel']>> = {
  email: 'email',
  chat: 'chat',
  voice: 'voice',
  web: 'web',
};

const crmEmail = (c: WorldCustomer) => (c.crmEmail ?? c.email).toLowerCase();
const newestFirst = (a: Ticket, b: Ticket) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id;

function connect(sandbox: Sandbox, overrides: Record<string, unknown> = {}, ids?: IdMemory): Connector {
  const options = hubspotConnector.optionsSchema.parse({
    baseUrl: sandbox.url,
    accessToken: TOKEN,
    portalId: PORTAL,
    ...overrides,
  });
  return hubspotConnector.create(options, { id: 'hubspot', logger: { debug() {}, warn() {} }, ids });
}

describe('sandbox: HubSpot CRM through the hubspot connector', () => {
  let sandbox: Sandbox;
  let world: World;
  let connector: Connector;
  const registry = new MappingRegistry({ dirs: [join(projectRoot(), 'mappings')] });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
    world = sandbox.world;
    connector = connect(sandbox);
  });
  afterAll(async () => {
    await connector.close?.();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  it('finds every world customer as a contact, by the email the CRM knows and by phone', async () => {
    for (const c of world.customers) {
      const byEmail = await connector.customersByEmail!(crmEmail(c));
      expect(byEmail).toHaveLength(1);
      const customer = await registry.map<Customer>(
        'hubspot',
        byEmail[0].resource,
        byEmail[0].payload,
        connector.mappingContext,
      );
      expect(customer).toEqual({
        id: contactId(c.id),
        email: crmEmail(c),
        phone: c.phone,
        name: `${c.firstName} ${c.lastName}`,
        firstName: c.firstName,
        lastName: c.lastName,
        createdAt: c.createdAt,
        tags: [],
        sources: [{ connector: 'hubspot', id: contactId(c.id), url: `${RECORDS}/0-1/${contactId(c.id)}` }],
      });

      const byPhone = await connector.customersByPhone!(c.phone);
      const samePhone = world.customers.filter((o) => o.phone === c.phone).map((o) => contactId(o.id));
      expect(byPhone.map((r) => (r.payload as { id: string }).id).sort()).toEqual(samePhone.sort());
    }
  });

  it('answers cases for every customer consistently with the world’s tickets, newest first', async () => {
    for (const c of world.customers) {
      // The hub asks with the shop's email; the CRM may know another one: the phone finds the person.
      const records = await connector.casesByCustomer!({ email: c.email, phone: c.phone });
      const emailMatch = world.customers.filter((o) => crmEmail(o) === c.email.toLowerCase());
      const people = emailMatch.length ? emailMatch : world.customers.filter((o) => o.phone === c.phone);
      const expected = world.tickets
        .filter((t) => people.some((p) => p.id === t.customerId))
        .sort(newestFirst);

      const cases = await Promise.all(
        records.map((r) =>
          registry.map<SupportCase>('hubspot', r.resource, r.payload, connector.mappingContext),
        ),
      );
      expect(cases).toEqual(
        expected.map((t) => ({
          id: ticketId(t.id),
          subject: t.subject,
          status: STATUS[t.status],
          priority: t.priority,
          ...(CHANNEL[t.channel] ? { channel: CHANNEL[t.channel] } : {}),
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
          sources: [{ connector: 'hubspot', id: ticketId(t.id), url: `${RECORDS}/0-5/${ticketId(t.id)}` }],
        })),
      );
    }
    expect(registry.unknownValues()).toEqual({});
  });

  it('answers no cases for someone it does not know', async () => {
    await expect(
      connector.casesByCustomer!({ email: 'nobody@example.invalid', phone: '+19995550000' }),
    ).resolves.toEqual([]);
  });

  it('counts its operations and fetches the pipelines once for many lookups', async () => {
    const someone = world.tickets[0]
      ? world.customers.find((c) => c.id === world.tickets[0].customerId)!
      : world.customers[0];
    const fresh = connect(sandbox);
    try {
      await fresh.casesByCustomer!({ email: crmEmail(someone) });
      await fresh.casesByCustomer!({ email: crmEmail(someone) });
    } finally {
      await fresh.close?.();
    }
    const ops = sandbox.stats().vendors.hubspot.operations;
    // The contact read by email names its tickets; a batch read fetches them: no CRM search (a
    // few a second per account), no associations call.
    expect(ops['GET /crm/v3/objects/contacts/{contactId}']).toBe(2);
    expect(ops['POST /crm/v3/objects/tickets/batch/read']).toBe(world.tickets.length ? 2 : undefined);
    expect(ops['POST /crm/v3/objects/contacts/search']).toBeUndefined();
    expect(ops['POST /crm/v3/objects/tickets/search']).toBeUndefined();
    expect(ops['GET /crm/v4/objects/contacts/{id}/associations/{toObjectType}']).toBeUndefined();
    expect(ops['GET /crm/v3/pipelines/tickets'] ?? 0).toBe(world.tickets.length ? 1 : 0);
  });

  it('searches a remembered contact’s tickets at once (one search), checked by the contact read', async () => {
    const someone = world.customers.find((c) => world.tickets.some((t) => t.customerId === c.id))!;
    const stored = new Map<string, readonly string[]>();
    const memory: IdMemory = {
      recall: async (kind, key) => stored.get(`${kind}:${key}`),
      remember: (kind, key, ids) => void stored.set(`${kind}:${key}`, ids),
    };
    const remembering = connect(sandbox, {}, memory);
    try {
      const first = await remembering.casesByCustomer!({ email: crmEmail(someone) });
      sandbox.reset();
      const again = await remembering.casesByCustomer!({ email: crmEmail(someone) });
      expect(again.map((r) => (r.payload as { id: string }).id)).toEqual(
        first.map((r) => (r.payload as { id: string }).id),
      );
    } finally {
      await remembering.close?.();
    }
    const ops = sandbox.stats().vendors.hubspot.operations;
    expect(ops).toEqual({
      'GET /crm/v3/objects/contacts/{contactId}': 1,
      'POST /crm/v3/objects/tickets/search': 1,
    });
  });

  it('passes the health check, and fails it and every call with a wrong token', async () => {
    await expect(connector.healthCheck()).resolves.toBeUndefined();
    const wrong = connect(sandbox, { accessToken: 'pat-wrong' });
    try {
      await expect(failure(wrong.healthCheck())).resolves.toMatchObject({
        code: 'auth_failed',
        httpStatus: 401,
      });
      await expect(failure(wrong.customersByEmail!(crmEmail(world.customers[0])))).resolves.toMatchObject({
        code: 'auth_failed',
      });
    } finally {
      await wrong.close?.();
    }
  });

  it('throttles the HubSpot way (429, policyName, Retry-After) and fails the injected way', async () => {
    sandbox.faults.set('hubspot', { throttleRate: 1 });
    const throttled = await failure(connector.customersByEmail!(crmEmail(world.customers[0])));
    expect(throttled).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 1000,
      httpStatus: 429,
    });
    expect(throttled.message).toContain('SECONDLY');

    sandbox.faults.set('hubspot', { throttleRate: 0, errorRate: 1 });
    await expect(failure(connector.customersByEmail!(crmEmail(world.customers[0])))).resolves.toMatchObject({
      code: 'upstream_unavailable',
      httpStatus: 503,
    });

    sandbox.faults.set('hubspot', { errorRate: 0, malformedRate: 1 });
    await expect(failure(connector.customersByEmail!(crmEmail(world.customers[0])))).resolves.toMatchObject({
      code: 'invalid_response',
    });
  });

  it('serves the ticket pipeline with portal-specific stage ids and their ticketState', async () => {
    const res = await fetch(`${sandbox.url}/crm/v3/pipelines/tickets`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);
    const [pipeline] = body.results;
    expect(pipeline.label).toBe('Support Pipeline');
    expect(pipeline.stages.map((s: any) => [s.label, s.metadata.ticketState])).toEqual([
      ['New', 'OPEN'],
      ['Waiting on contact', 'OPEN'],
      ['Waiting on us', 'OPEN'],
      ['Closed', 'CLOSED'],
    ]);
    expect(pipeline.stages.map((s: any) => s.id)).not.toEqual(expect.arrayContaining(['1', '2', '3', '4']));
  });

  it('projects search results to the properties asked for, plus the ones HubSpot always returns', async () => {
    const c = world.customers[0];
    const res = await fetch(`${sandbox.url}/crm/v3/objects/contacts/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        filterGroups: [
          { filters: [{ propertyName: 'email', operator: 'EQ', value: crmEmail(c).toUpperCase() }] },
        ],
        properties: ['firstname', 'no_such_property'],
      }),
    });
    const body = (await res.json()) as any;
    expect(body.total).toBe(1);
    expect(Object.keys(body.results[0].properties)).toEqual([
      'createdate',
      'firstname',
      'hs_object_id',
      'lastmodifieddate',
    ]);
    expect(body.results[0].createdAt).toMatch(/\.\d{3}Z$/);
  });
});

describe('sandbox: the HubSpot view of a small world', () => {
  const base = buildWorld({ seed: 7, anchor: ANCHOR });
  const [alice, ben] = base.customers;
  const statuses: Ticket['status'][] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
  const channels: Ticket['channel'][] = ['email', 'chat', 'voice', 'sms', 'social', 'web'];
  const world: World = {
    ...base,
    customers: [{ ...alice, crmEmail: 'Alice.Work@Example.org' }, ben],
    tickets: statuses.map((status, i) => ({
      id: i + 1,
      customerId: alice.id,
      requesterEmail: 'alice.work@example.org',
      subject: `Ticket ${i + 1}`,
      description: `About ${status}`,
      status,
      priority: (['low', 'normal', 'high', 'urgent'] as const)[i % 4],
      channel: channels[i],
      createdAt: '2025-05-01T10:00:00Z',
      updatedAt: `2025-05-0${i + 2}T10:00:00Z`,
    })),
  };
  const adapter = new HubspotAdapter(buildHubspotView(world));
  const call = (method: string, path: string, body?: unknown, token = TOKEN) => {
    const url = new URL(path, 'http://sandbox.invalid');
    const reply = adapter
      .describe({
        method,
        path: url.pathname,
        url,
        headers: { authorization: `Bearer ${token}` },
        body: body === undefined ? '' : JSON.stringify(body),
      })
      .respond();
    return { status: reply.status, body: JSON.parse(reply.body) };
  };

  it('lists the contact under the CRM email (lower case) with the same phone', () => {
    const reply = call('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'phone', operator: 'EQ', value: alice.phone }] }],
      properties: ['email', 'phone'],
    });
    expect(reply.body.results.map((r: any) => r.properties.email)).toContain('alice.work@example.org');
    expect(reply.body.results.every((r: any) => r.properties.phone === alice.phone)).toBe(true);
  });

  it('does not find the contact by the shop email when the CRM knows another one', () => {
    const reply = call('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: [{ filters: [{ propertyName: 'email', operator: 'EQ', value: alice.email }] }],
    });
    expect(reply.body).toEqual({ total: 0, results: [] });
  });

  it('puts each neutral status in a stage whose ticketState says open or closed', () => {
    const stages = new Map(
      call('GET', '/crm/v3/pipelines/tickets').body.results[0].stages.map((s: any) => [s.id, s]),
    );
    const ids = call('GET', `/crm/v4/objects/contacts/${contactId(alice.id)}/associations/tickets`).body
      .results;
    expect(ids.map((r: any) => r.toObjectId)).toEqual(world.tickets.map((t) => Number(ticketId(t.id))));
    const read = call('POST', '/crm/v3/objects/tickets/batch/read', {
      properties: ['hs_pipeline_stage', 'source_type', 'hs_ticket_priority', 'closed_date'],
      inputs: ids.map((r: any) => ({ id: String(r.toObjectId) })),
    });
    expect(read.status).toBe(200);
    const seen = read.body.results.map((t: any) => {
      const stage: any = stages.get(t.properties.hs_pipeline_stage);
      return [
        stage.label,
        stage.metadata.ticketState,
        t.properties.source_type,
        t.properties.closed_date !== null,
      ];
    });
    expect(seen).toEqual([
      ['New', 'OPEN', 'EMAIL', false],
      ['Waiting on us', 'OPEN', 'CHAT', false],
      ['Waiting on contact', 'OPEN', 'PHONE', false],
      ['Waiting on us', 'OPEN', null, false],
      ['Closed', 'CLOSED', null, true],
      ['Closed', 'CLOSED', 'FORM', true],
    ]);
    expect(read.body.results.map((t: any) => t.properties.hs_ticket_priority)).toEqual([
      'LOW',
      'MEDIUM',
      'HIGH',
      'URGENT',
      'LOW',
      'MEDIUM',
    ]);
  });

  it('searches tickets by the contact they are associated with, sorted and paged', () => {
    const byAlice = {
      filterGroups: [
        { filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: contactId(alice.id) }] },
      ],
      properties: ['subject', 'hs_lastmodifieddate'],
      sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }],
    };
    const all = call('POST', '/crm/v3/objects/tickets/search', { ...byAlice, limit: 200 });
    expect(all.status).toBe(200);
    expect(all.body.total).toBe(world.tickets.length);
    expect(all.body.results.map((t: any) => t.id).sort()).toEqual(
      world.tickets.map((t) => ticketId(t.id)).sort(),
    );
    const modified = all.body.results.map((t: any) => t.properties.hs_lastmodifieddate);
    expect(modified).toEqual([...modified].sort().reverse());
    const first = call('POST', '/crm/v3/objects/tickets/search', { ...byAlice, limit: 4 });
    expect(first.body.paging.next.after).toBe('4');
    const rest = call('POST', '/crm/v3/objects/tickets/search', { ...byAlice, limit: 4, after: '4' });
    expect([...first.body.results, ...rest.body.results].map((t: any) => t.id)).toEqual(
      all.body.results.map((t: any) => t.id),
    );
    const byBen = call('POST', '/crm/v3/objects/tickets/search', {
      filterGroups: [
        { filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: contactId(ben.id) }] },
      ],
    });
    expect(byBen.body).toEqual({ total: 0, results: [] });
    const twoSorts = call('POST', '/crm/v3/objects/tickets/search', {
      ...byAlice,
      sorts: [...byAlice.sorts, { propertyName: 'createdate', direction: 'ASCENDING' }],
    });
    expect(twoSorts.status).toBe(400);
  });

  it('answers 207 for ids it does not have, and nothing for a contact without tickets', () => {
    const read = call('POST', '/crm/v3/objects/tickets/batch/read', {
      inputs: [{ id: ticketId(1) }, { id: '42' }],
    });
    expect(read.status).toBe(207);
    expect(read.body.results).toHaveLength(1);
    expect(read.body.errors[0]).toMatchObject({ category: 'OBJECT_NOT_FOUND', context: { ids: ['42'] } });
    expect(call('GET', `/crm/v4/objects/contacts/${contactId(ben.id)}/associations/tickets`).body).toEqual({
      results: [],
    });
  });

  it('rejects a wrong token and a search HubSpot would refuse', () => {
    expect(call('GET', '/crm/v3/pipelines/tickets', undefined, 'nope').status).toBe(401);
    const tooMany = call('POST', '/crm/v3/objects/contacts/search', {
      filterGroups: Array.from({ length: 6 }, () => ({ filters: [] })),
    });
    expect(tooMany).toMatchObject({ status: 400, body: { status: 'error', category: 'VALIDATION_ERROR' } });
  });
});
