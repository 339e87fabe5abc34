import { join } from 'node:path';
import { zendeskConnector } from '../../../connectors/zendesk';
import { ZendeskAdapter } from '../../../sandbox/vendors/zendesk/zendesk.adapter';
import { buildZendeskView, ticketId, userId } from '../../../sandbox/vendors/zendesk/zendesk.view';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { buildWorld } from '../../../sandbox/world/world';
import { type Customer as WorldCustomer, type Ticket, type World } from '../../../sandbox/world/world.types';
import { type Customer, type SupportCase } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { type Connector } from '../../../src/connectors/contract';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { ANCHOR } from './sandbox.helpers';
import { failure } from '../../support/connector-failure';

const AGENT = 'agent@sandbox.example.com';
const API_TOKEN = 'zd_sandbox';
const AGENT_URL = 'https://sandbox.zendesk.com/agent';
const BASIC = `Basic ${Buffer.from(`${AGENT}/token:${API_TOKEN}`).toString('base64')}`;

const crmEmail = (c: WorldCustomer) => (c.crmEmail ?? c.email).toLowerCase();
const newestFirst = (a: Ticket, b: Ticket) => b.updatedAt.localeCompare(a.updatedAt) || b.id - a.id;

function connect(sandbox: Sandbox, overrides: Record<string, unknown> = {}): Connector {
  const options = zendeskConnector.optionsSchema.parse({
    baseUrl: `${sandbox.url}/api/v2`,
    subdomain: 'sandbox',
    email: AGENT,
    apiToken: API_TOKEN,
    ...overrides,
  });
  return zendeskConnector.create(options, { id: 'zendesk', logger: { debug() {}, warn() {} } });
}

describe('sandbox: Zendesk Support through the zendesk connector', () => {
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

  it('finds every world customer as an end user, by the email the help desk knows and by phone', async () => {
    for (const c of world.customers) {
      const byEmail = await connector.customersByEmail!(crmEmail(c));
      expect(byEmail).toHaveLength(1);
      const customer = await registry.map<Customer>(
        'zendesk',
        byEmail[0].resource,
        byEmail[0].payload,
        connector.mappingContext,
      );
      const id = String(userId(c.id));
      expect(customer).toEqual({
        id,
        email: crmEmail(c),
        phone: c.phone,
        name: `${c.firstName} ${c.lastName}`,
        createdAt: c.createdAt,
        tags: expect.any(Array),
        sources: [{ connector: 'zendesk', id, url: `${AGENT_URL}/users/${id}` }],
      });
      expect(customer.tags).toHaveLength(c.tags.length);

      const byPhone = await connector.customersByPhone!(c.phone);
      const samePhone = world.customers.filter((o) => o.phone === c.phone).map((o) => userId(o.id));
      expect(byPhone.map((r) => (r.payload as { id: number }).id).sort()).toEqual(samePhone.sort());
    }
  });

  it('answers cases for every customer consistently with the world’s tickets, newest first', async () => {
    for (const c of world.customers) {
      const records = await connector.casesByCustomer!({ email: c.email, phone: c.phone });
      const emailMatch = world.customers.filter((o) => crmEmail(o) === c.email.toLowerCase());
      const people = emailMatch.length ? emailMatch : world.customers.filter((o) => o.phone === c.phone);
      const expected = world.tickets
        .filter((t) => people.some((p) => p.id === t.customerId))
        .sort(newestFirst);

      const cases = await Promise.all(
        records.map((r) =>
          registry.map<SupportCase>('zendesk', r.resource, r.payload, connector.mappingContext),
        ),
      );
      expect(cases).toEqual(
        expected.map((t) => ({
          id: String(ticketId(t.id)),
          subject: t.subject,
          status: t.status,
          priority: t.priority,
          channel: t.channel, // social tickets come in through Facebook, which the mapping calls social
          createdAt: t.createdAt,
          updatedAt: t.updatedAt,
          sources: [
            {
              connector: 'zendesk',
              id: String(ticketId(t.id)),
              url: `${AGENT_URL}/tickets/${ticketId(t.id)}`,
            },
          ],
        })),
      );
    }
    expect(registry.unknownValues()).toEqual({});
  });

  it('answers no cases for someone it does not know', async () => {
    await expect(
      connector.casesByCustomer!({ email: 'nobody@example.invalid', phone: '+19995550000' }),
    ).resolves.toEqual([]);
    expect(sandbox.stats().vendors.zendesk.operations).toEqual({
      'GET /api/v2/users/search': 2,
      'GET /api/v2/search': 1,
    });
  });

  it('finds a first-time customer’s tickets in one round: the ticket search beside the user search', async () => {
    const c = world.customers.find((o) => world.tickets.some((t) => t.customerId === o.id))!;
    const records = await connector.casesByCustomer!({ email: crmEmail(c) });
    expect(records.map((r) => (r.payload as { id: number }).id)).toEqual(
      world.tickets
        .filter((t) => t.customerId === c.id)
        .sort(newestFirst)
        .map((t) => ticketId(t.id)),
    );
    expect(sandbox.stats().vendors.zendesk.operations).toEqual({
      'GET /api/v2/users/search': 1,
      'GET /api/v2/search': 1,
    });
  });

  it('searches tickets by requester email or id, newest first, paged, with result_type', async () => {
    const c = [...world.customers].sort(
      (a, b) =>
        world.tickets.filter((t) => t.customerId === b.id).length -
        world.tickets.filter((t) => t.customerId === a.id).length,
    )[0];
    const mine = world.tickets.filter((t) => t.customerId === c.id).sort(newestFirst);
    const ask = async (query: string, extra = '&sort_by=updated_at') => {
      const res = await fetch(
        `${sandbox.url}/api/v2/search.json?query=${encodeURIComponent(query)}${extra}`,
        { headers: { authorization: BASIC } },
      );
      return { status: res.status, body: (await res.json()) as any };
    };
    const byEmail = await ask(`type:ticket requester:"${crmEmail(c).toUpperCase()}"`);
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.count).toBe(mine.length);
    expect(byEmail.body.results.map((t: any) => [t.id, t.result_type])).toEqual(
      mine.map((t) => [ticketId(t.id), 'ticket']),
    );
    const byId = await ask(
      `type:ticket requester:${userId(c.id)}`,
      '&sort_by=updated_at&per_page=1&sort_order=asc',
    );
    expect(byId.body.results.map((t: any) => t.id)).toEqual([ticketId(mine[mine.length - 1].id)]);
    expect(byId.body.next_page === null).toBe(mine.length <= 1);
    expect((await ask(`type:user requester:${userId(c.id)}`)).body.results).toEqual([]);
    expect((await ask('type:ticket requester:nobody@example.invalid')).body.results).toEqual([]);
    expect((await ask('type:ticket requester:x', '&sort_by=subject')).status).toBe(400);
  });

  it('passes the health check, and fails it and every call with a wrong token', async () => {
    await expect(connector.healthCheck()).resolves.toBeUndefined();
    const wrong = connect(sandbox, { apiToken: 'zd_wrong' });
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

  it('throttles with 429 + Retry-After and fails the injected way', async () => {
    sandbox.faults.set('zendesk', { throttleRate: 1 });
    await expect(failure(connector.customersByEmail!(crmEmail(world.customers[0])))).resolves.toMatchObject({
      code: 'rate_limited',
      retryAfterMs: 1000,
      httpStatus: 429,
    });
    sandbox.faults.set('zendesk', { throttleRate: 0, errorRate: 1 });
    await expect(failure(connector.customersByEmail!(crmEmail(world.customers[0])))).resolves.toMatchObject({
      code: 'upstream_unavailable',
    });
    sandbox.faults.set('zendesk', { errorRate: 0, hang: true });
    const quick = connect(sandbox, { timeoutMs: 150 });
    try {
      await expect(failure(quick.customersByEmail!(crmEmail(world.customers[0])))).resolves.toMatchObject({
        code: 'timeout',
      });
    } finally {
      await quick.close?.();
    }
  });

  it('pages requested tickets and accepts the .json suffix', async () => {
    const busiest = [...world.customers].sort(
      (a, b) =>
        world.tickets.filter((t) => t.customerId === b.id).length -
        world.tickets.filter((t) => t.customerId === a.id).length,
    )[0];
    const mine = world.tickets.filter((t) => t.customerId === busiest.id);
    const res = await fetch(
      `${sandbox.url}/api/v2/users/${userId(busiest.id)}/tickets/requested.json?per_page=1&sort_by=created_at&sort_order=asc`,
      { headers: { authorization: BASIC } },
    );
    const body = (await res.json()) as any;
    expect(res.status).toBe(200);
    expect(body.count).toBe(mine.length);
    expect(body.tickets.map((t: any) => t.id)).toEqual(mine.slice(0, 1).map((t) => ticketId(t.id)));
    expect(body.next_page === null).toBe(mine.length <= 1);
    expect(body.previous_page).toBeNull();
  });
});

describe('sandbox: the Zendesk view of a small world', () => {
  const base = buildWorld({ seed: 7, anchor: ANCHOR });
  const [alice, ben] = base.customers;
  const statuses: Ticket['status'][] = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'];
  const channels: Ticket['channel'][] = ['email', 'chat', 'voice', 'sms', 'social', 'api'];
  const world: World = {
    ...base,
    customers: [
      { ...alice, crmEmail: 'Alice.Work@Example.org' },
      { ...ben, phone: '+1 (415) 555-0199' },
    ],
    tickets: statuses.map((status, i) => ({
      id: i + 1,
      customerId: alice.id,
      requesterEmail: 'alice.work@example.org',
      orderNumber: i === 0 ? 1001 : undefined,
      subject: `Ticket ${i + 1}`,
      description: `About ${status}`,
      status,
      priority: (['low', 'normal', 'high', 'urgent'] as const)[i % 4],
      channel: channels[i],
      createdAt: `2025-05-0${i + 1}T10:00:00Z`,
      updatedAt: `2025-05-0${7 - i}T10:00:00Z`,
    })),
  };
  const adapter = new ZendeskAdapter(buildZendeskView(world));
  const get = (path: string, auth = BASIC) => {
    const url = new URL(path, 'http://sandbox.invalid');
    const reply = adapter
      .describe({
        method: 'GET',
        path: url.pathname,
        url,
        headers: { authorization: auth, host: 'h' },
        body: '',
      })
      .respond();
    return { status: reply.status, body: JSON.parse(reply.body) };
  };
  const search = (query: string) =>
    get(`/api/v2/users/search?query=${encodeURIComponent(query)}`).body.users.map((u: any) => u.id);

  it('knows the user under the CRM email only, and by phone digits in any format', () => {
    expect(search('email:alice.work@example.org')).toEqual([userId(alice.id)]);
    expect(search(`email:${alice.email}`)).toEqual([]);
    expect(search('phone:14155550199')).toEqual([userId(ben.id)]);
    expect(search('phone:+14155550199')).toEqual([userId(ben.id)]);
    expect(search('phone:*5550199')).toEqual([userId(ben.id)]);
    expect(search('role:end-user phone:14155550199')).toEqual([userId(ben.id)]);
    expect(search('role:admin phone:14155550199')).toEqual([]);
  });

  it('renders statuses, priorities and via channels in Zendesk’s words, sorted as asked', () => {
    const reply = get(
      `/api/v2/users/${userId(alice.id)}/tickets/requested?sort_by=updated_at&sort_order=desc`,
    );
    expect(reply.body.tickets.map((t: any) => [t.id, t.status, t.priority, t.via.channel])).toEqual([
      [ticketId(1), 'new', 'low', 'email'],
      [ticketId(2), 'open', 'normal', 'chat'],
      [ticketId(3), 'pending', 'high', 'voice'],
      [ticketId(4), 'hold', 'urgent', 'sms'],
      [ticketId(5), 'solved', 'low', 'facebook'],
      [ticketId(6), 'closed', 'normal', 'api'],
    ]);
    expect(reply.body.tickets[0]).toMatchObject({
      requester_id: userId(alice.id),
      tags: ['order_1001'],
      via: { source: { from: { address: 'alice.work@example.org' } } },
    });
    const asc = get(`/api/v2/users/${userId(alice.id)}/tickets/requested?sort_by=updated_at`);
    expect(asc.body.tickets.map((t: any) => t.id)).toEqual([6, 5, 4, 3, 2, 1].map(ticketId));
  });

  it('answers the agent for users/me, 404 for an unknown user, 401 for a wrong credential', () => {
    expect(get('/api/v2/users/me').body.user).toMatchObject({ email: AGENT, role: 'admin' });
    expect(get('/api/v2/users/1/tickets/requested').status).toBe(404);
    expect(get('/api/v2/users/me', 'Bearer nope')).toEqual({
      status: 401,
      body: { error: "Couldn't authenticate you" },
    });
  });
});
