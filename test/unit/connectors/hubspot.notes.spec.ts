import nock from 'nock';
import { hubspotConnector } from '../../../connectors/hubspot';
import { type ActionRequest, type Connector } from '../../../src/connectors/contract';
import { hubspotReply, type Json } from '../../fixtures/hubspot';
import { failure } from '../../support/connector-failure';

/** nock answers as HubSpot itself; test/setup/nock-restore.ts keeps each file's nock to itself. */
const API = 'https://api.hubapi.com';
const JSON_HEADERS = { 'Content-Type': 'application/json;charset=utf-8' };
const RECORDS = 'https://app.hubspot.com/contacts/1234567/record';

interface Sent {
  path: string;
  body: Json;
}

function create(overrides: Record<string, unknown> = {}): Connector {
  const options = hubspotConnector.optionsSchema.parse({
    accessToken: 'pat-na1-test',
    portalId: '1234567',
    ...overrides,
  });
  return hubspotConnector.create(options, { id: 'hubspot', logger: { debug() {}, warn() {} } });
}

function post(sent: Sent[], path: string, status: number, reply: Json, headers: Record<string, string> = {}) {
  return nock(API)
    .post(path)
    .reply((uri, body) => {
      sent.push({ path: uri, body });
      return [status, JSON.stringify(reply), { ...JSON_HEADERS, ...headers }];
    });
}

/** The contact read by email (`GET /crm/v3/objects/contacts/{email}?idProperty=email`), as the connector finds it. */
const CONTACT_PATH = '/crm/v3/objects/contacts/jane.doe%40example.com';
function contact(
  sent: Sent[],
  status = 200,
  reply: Json = hubspotReply('contacts-search').results[0],
  path = CONTACT_PATH,
) {
  return nock(API)
    .get(path)
    .query(true)
    .reply((uri) => {
      sent.push({ path: uri.split('?')[0], body: undefined });
      return [status, JSON.stringify(reply), JSON_HEADERS];
    });
}

const note = (customerEmail?: string): ActionRequest => ({
  id: 'act-h1',
  type: 'note',
  orderNumber: '1001',
  params: { text: 'Refund <approved> & sent', author: 'Dana', customerEmail },
});

describe('HubspotConnector notes (REST via nock)', () => {
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

  it('declares notes unsafe: HubSpot has no idempotency key for creating objects', () => {
    expect(connector.actions).toEqual({ note: 'unsafe' });
  });

  it('finds the contact by email, then creates the note associated with it (type 202)', async () => {
    contact(sent);
    post(sent, '/crm/v3/objects/notes', 201, hubspotReply('note-created'));
    const before = Date.now();

    const result = await connector.performAction!(note(' Jane.Doe@Example.com '));

    // The contact read by its normalized email, then the note.
    expect(sent.map((s) => s.path)).toEqual([CONTACT_PATH, '/crm/v3/objects/notes']);
    expect(sent[1].body).toEqual({
      properties: {
        hs_note_body: 'Order #1001: Refund &lt;approved&gt; &amp; sent — Dana [hub:act-h1]',
        hs_timestamp: expect.any(String),
      },
      associations: [
        { to: { id: '51' }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] },
      ],
    });
    expect(Date.parse(sent[1].body.properties.hs_timestamp)).toBeGreaterThanOrEqual(before - 1000);
    expect(result).toEqual({
      externalId: '96541239870',
      url: `${RECORDS}/0-1/51`,
      summary: 'HubSpot note 96541239870 added to contact jane.doe@example.com about order #1001.',
    });
  });

  it('sends the note again when asked again (no already-done check is possible: unsafe)', async () => {
    for (let i = 0; i < 2; i++) {
      contact(sent);
      post(sent, '/crm/v3/objects/notes', 201, hubspotReply('note-created'));
      await connector.performAction!(note('jane.doe@example.com'));
    }
    expect(sent.filter((s) => s.path === '/crm/v3/objects/notes')).toHaveLength(2);
  });

  it('needs params.customerEmail (bad_request, no call) and a contact with it (not_found)', async () => {
    expect(await failure(connector.performAction!(note()))).toMatchObject({
      code: 'bad_request',
      retryable: false,
    });
    expect(sent).toEqual([]);

    const nobody = '/crm/v3/objects/contacts/nobody%40example.com';
    contact(
      sent,
      404,
      { status: 'error', message: 'resource not found', category: 'OBJECT_NOT_FOUND' },
      nobody,
    );
    expect((await failure(connector.performAction!(note('nobody@example.com')))).code).toBe('not_found');
    expect(sent.map((s) => s.path)).toEqual([nobody]);
  });

  it('refuses actions other than notes', async () => {
    const refund: ActionRequest = {
      id: 'r',
      type: 'refund',
      orderNumber: '1001',
      params: { amount: '1.00', currency: 'USD' },
    };
    expect(await failure(connector.performAction!(refund))).toMatchObject({ code: 'bad_request' });
  });

  it('maps HTTP 502 on the create to upstream_unavailable that may have made the note (a person checks, no resend)', async () => {
    contact(sent);
    post(sent, '/crm/v3/objects/notes', 502, { status: 'error', message: 'Bad Gateway' });

    expect(await failure(connector.performAction!(note('jane.doe@example.com')))).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
      httpStatus: 502,
      maybeWritten: true,
    });
  });

  it('maps a secondly 429 on the create to rate_limited with the policy’s wait', async () => {
    contact(sent);
    post(sent, '/crm/v3/objects/notes', 429, hubspotReply('rate-limited'));

    expect(await failure(connector.performAction!(note('jane.doe@example.com')))).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      maybeWritten: false,
    });
  });

  it('maps a validation error (400) to bad_request, not retryable', async () => {
    contact(sent);
    post(sent, '/crm/v3/objects/notes', 400, { status: 'error', category: 'VALIDATION_ERROR' });

    expect(await failure(connector.performAction!(note('jane.doe@example.com')))).toMatchObject({
      code: 'bad_request',
      retryable: false,
    });
  });

  it('links the manual steps to the contact search, then to the contact once known', async () => {
    const manual = connector.manualAction!(note('jane.doe@example.com'));
    expect(manual.url).toBe(
      'https://app.hubspot.com/contacts/1234567/objects/0-1/views/all/list?query=jane.doe%40example.com',
    );
    expect(manual.instructions).toContain('"Order #1001: Refund <approved> & sent — Dana [hub:act-h1]"');

    contact(sent);
    post(sent, '/crm/v3/objects/notes', 201, hubspotReply('note-created'));
    await connector.performAction!(note('jane.doe@example.com'));
    expect(connector.manualAction!(note('jane.doe@example.com')).url).toBe(`${RECORDS}/0-1/51`);
  });

  it('has no deep link without the portal id', async () => {
    await connector.close?.();
    connector = create({ portalId: undefined });
    expect(connector.manualAction!(note('jane.doe@example.com')).url).toBeUndefined();
  });
});
