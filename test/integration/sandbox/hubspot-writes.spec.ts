import { hubspotConnector } from '../../../connectors/hubspot';
import { contactId } from '../../../sandbox/vendors/hubspot/hubspot.view';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { type ActionRequest, type Connector } from '../../../src/connectors/contract';
import { failure } from '../../support/connector-failure';
import { ANCHOR, control } from './sandbox.helpers';

const TOKEN = 'pat-sandbox';
const PORTAL = '1234567';

describe('sandbox: HubSpot writes (POST /crm/v3/objects/notes)', () => {
  let sandbox: Sandbox;
  let hubspot: Connector;

  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(sandbox.url + path, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const note = (id: string, customerEmail?: string): ActionRequest => ({
    id,
    type: 'note',
    orderNumber: '1001',
    params: { text: 'Refund <approved> & sent', author: 'Dana', customerEmail },
  });
  const alice = () => sandbox.world.customers.find((c) => c.email === 'alice.martin@example.com')!;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
    const options = hubspotConnector.optionsSchema.parse({
      baseUrl: sandbox.url,
      accessToken: TOKEN,
      portalId: PORTAL,
    });
    hubspot = hubspotConnector.create(options, { id: 'hubspot', logger: { debug() {}, warn() {} } });
  });
  afterAll(async () => {
    await hubspot.close?.();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  it('files the note on the contact; the note and the association are readable', async () => {
    const result = await hubspot.performAction!(note('act-h1', 'Alice.Martin@example.com'));
    const contact = contactId(alice().id);
    expect(result).toMatchObject({
      url: `https://app.hubspot.com/contacts/${PORTAL}/record/0-1/${contact}`,
      summary: expect.stringContaining('alice.martin@example.com'),
    });
    const read = await call('GET', `/crm/v3/objects/notes/${result.externalId}`);
    expect(read.status).toBe(200);
    expect(read.body.properties.hs_note_body).toBe(
      'Order #1001: Refund &lt;approved&gt; &amp; sent — Dana [hub:act-h1]',
    );
    const associated = await call('GET', `/crm/v4/objects/contacts/${contact}/associations/notes`);
    expect(associated.body.results).toEqual([
      {
        toObjectId: Number(result.externalId),
        associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 201, label: null }],
      },
    ]);
    expect(sandbox.writes()).toMatchObject({
      writes: [
        { vendor: 'hubspot', operation: 'POST /crm/v3/objects/notes', orderNumber: '1001', key: 'act-h1' },
      ],
    });
  });

  it('writes a second note when the same action is sent again: HubSpot cannot tell (unsafe)', async () => {
    expect(hubspot.actions).toEqual({ note: 'unsafe' });
    const first = await hubspot.performAction!(note('act-h2', 'alice.martin@example.com'));
    const second = await hubspot.performAction!(note('act-h2', 'alice.martin@example.com'));
    expect(second.externalId).not.toBe(first.externalId);
    expect(sandbox.writes().writes.map((w) => w.key)).toEqual(['act-h2', 'act-h2']);
    expect(sandbox.stats().vendors.hubspot.writes).toBe(2);
  });

  it('needs the customer email, and a contact that has it', async () => {
    expect(await failure(hubspot.performAction!(note('act-h3')))).toMatchObject({
      code: 'bad_request',
      retryable: false,
    });
    expect((await failure(hubspot.performAction!(note('act-h3', 'nobody@example.com')))).code).toBe(
      'not_found',
    );
    expect(sandbox.writes().writes).toEqual([]);
  });

  it('validates like HubSpot: hs_timestamp is required, associations must exist', async () => {
    const missing = await call('POST', '/crm/v3/objects/notes', { properties: { hs_note_body: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.category).toBe('VALIDATION_ERROR');
    const ghost = await call('POST', '/crm/v3/objects/notes', {
      properties: { hs_note_body: 'x', hs_timestamp: '2025-06-01T12:00:00Z' },
      associations: [
        { to: { id: '999' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] },
      ],
    });
    expect(ghost.status).toBe(400);
    expect(sandbox.writes().writes).toEqual([]);
  });

  /** Resolves once the sandbox has counted `n` HubSpot requests (it counts on arrival). */
  const arrived = async (n: number) => {
    while (sandbox.stats().vendors.hubspot.requests < n) await new Promise((r) => setImmediate(r));
  };

  it('answers a slowed read from the world as the request found it (latency is the response time)', async () => {
    const contact = contactId(alice().id);
    const path = `/crm/v4/objects/contacts/${contact}/associations/notes`;
    await control(sandbox, 'PUT', '/_sandbox/faults/hubspot', {
      latencyMs: 2_000,
      operations: ['GET /crm/v4/objects/contacts/{id}/associations/{toObjectType}'],
    });
    const slow = call('GET', path);
    await arrived(1);
    // Written while the read waits out its latency: a vendor had already read when it got the request.
    const written = await hubspot.performAction!(note('act-h5', 'alice.martin@example.com'));
    expect((await slow).body.results).toEqual([]);
    await control(sandbox, 'DELETE', '/_sandbox/faults/hubspot');
    expect((await call('GET', path)).body.results).toEqual([
      expect.objectContaining({ toObjectId: Number(written.externalId) }),
    ]);
  });

  it('applies a slowed write only once its latency has passed', async () => {
    await control(sandbox, 'PUT', '/_sandbox/faults/hubspot', {
      latencyMs: 60_000,
      operations: ['POST /crm/v3/objects/notes'],
    });
    const gaveUp = new AbortController();
    const pending = hubspot.performAction!(note('act-h6', 'alice.martin@example.com'), {
      signal: gaveUp.signal,
    });
    const failed = failure(pending);
    // The contact lookup, then the note itself: counted when it came, not written (reads are
    // answered when they come; a write must not be).
    await arrived(2);
    expect(sandbox.stats().vendors.hubspot.writes).toBe(1);
    expect(sandbox.writes().writes).toEqual([]);
    gaveUp.abort();
    await failed;
  });

  it('refuses writes while HubSpot is failing; reset removes the notes written', async () => {
    await control(sandbox, 'PUT', '/_sandbox/faults/hubspot', { errorRate: 1 });
    expect((await failure(hubspot.performAction!(note('act-h4', 'alice.martin@example.com')))).code).toBe(
      'upstream_unavailable',
    );
    await control(sandbox, 'DELETE', '/_sandbox/faults/hubspot');
    const written = await hubspot.performAction!(note('act-h4', 'alice.martin@example.com'));
    sandbox.reset();
    expect((await call('GET', `/crm/v3/objects/notes/${written.externalId}`)).status).toBe(404);
    expect(sandbox.writes().writes).toEqual([]);
  });
});
