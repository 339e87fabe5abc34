import nock from 'nock';
import { easyPostConnector } from '../../../connectors/easypost';
import { type Connector } from '../../../src/connectors/contract';
import { easyPostReply, type Json } from '../../fixtures/easypost';
import { failure } from '../../support/connector-failure';

/** nock answers as EasyPost itself; test/setup/nock-restore.ts keeps each file's nock to itself. */
const API = 'https://api.easypost.com';
const AUTH = `Basic ${Buffer.from('EZAK_test_key:').toString('base64')}`;

interface Sent {
  query: Record<string, string>;
  auth: string | undefined;
}

function create(overrides: Record<string, unknown> = {}): Connector {
  const options = easyPostConnector.optionsSchema.parse({ apiKey: 'EZAK_test_key', ...overrides });
  return easyPostConnector.create(options, { id: 'easypost', logger: { debug() {}, warn() {} } });
}

/** Intercepts `GET /v2/trackers` (any query), records it, answers with status/body. */
function answer(sent: Sent[], status: number, body: Json, headers: Record<string, string> = {}, delayMs = 0) {
  return nock(API)
    .get('/v2/trackers')
    .query(true)
    .delay(delayMs)
    .reply(function (uri) {
      const query = Object.fromEntries(new URL(uri, API).searchParams);
      sent.push({ query, auth: this.req.headers.authorization as string | undefined });
      return [
        status,
        typeof body === 'string' ? body : JSON.stringify(body),
        { 'Content-Type': 'application/json', ...headers },
      ];
    });
}

const empty = { trackers: [], has_more: false };
const errorBody = (code: string, message: string) => ({ error: { code, message, errors: [] } });

describe('EasyPostConnector (Tracker API via nock)', () => {
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

  it('is a shipping connector that tracks shipments', () => {
    expect(easyPostConnector).toMatchObject({
      type: 'easypost',
      system: 'shipping',
      capabilities: ['shipments.byTracking'],
    });
    expect(connector).toMatchObject({ id: 'easypost', type: 'easypost', system: 'shipping' });
  });

  it('lists trackers by tracking code and EasyPost carrier code, with the key as Basic user', async () => {
    const reply = easyPostReply('trackers-delivered');
    const scope = answer(sent, 200, reply);

    const found = await connector.trackShipments!([
      { trackingNumber: ' 9400111899562537624389 ', carrier: 'USPS' },
    ]);

    expect(found).toEqual([{ resource: 'tracker', payload: reply.trackers[0] }]);
    expect(sent).toEqual([
      { query: { tracking_code: '9400111899562537624389', carrier: 'USPS' }, auth: AUTH },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['DHL Express', 'DHLExpress'],
    ['Royal Mail', 'RoyalMail'],
    ['Canada Post', 'CanadaPost'],
    ['FedEx', 'FedEx'],
    ['UPS', 'UPS'],
    ['DPD', 'DPD'],
    ['dhl-express', 'DHLExpress'],
  ])('translates the carrier name %s to %s', async (name, code) => {
    answer(sent, 200, empty);
    await connector.trackShipments!([{ trackingNumber: 'X1', carrier: name }]);
    expect(sent[0].query).toEqual({ tracking_code: 'X1', carrier: code });
  });

  it('leaves an unknown or missing carrier out of the query', async () => {
    answer(sent, 200, empty);
    answer(sent, 200, empty);
    await connector.trackShipments!([
      { trackingNumber: 'A1', carrier: 'Pigeon Post' },
      { trackingNumber: 'B2' },
    ]);
    expect(sent.map((s) => s.query).sort((a, b) => a.tracking_code.localeCompare(b.tracking_code))).toEqual([
      { tracking_code: 'A1' },
      { tracking_code: 'B2' },
    ]);
  });

  it('returns nothing for a parcel EasyPost has no tracker for', async () => {
    answer(sent, 200, empty);
    await expect(connector.trackShipments!([{ trackingNumber: 'NOPE', carrier: 'UPS' }])).resolves.toEqual(
      [],
    );
  });

  it('takes the newest tracker of a recycled tracking code', async () => {
    const reply = easyPostReply('trackers-recycled');
    reply.trackers.reverse(); // whatever order EasyPost lists them in
    answer(sent, 200, reply);

    const found = await connector.trackShipments!([
      { trackingNumber: 'EZ1000000001', carrier: 'Canada Post' },
    ]);

    expect(found.map((r) => (r.payload as Json).id)).toEqual(['trk_new00000000000000000000000000001']);
  });

  it('ignores trackers of another tracking code', async () => {
    const reply = easyPostReply('trackers-delivered');
    reply.trackers[0].tracking_code = '9400111899562537624380';
    answer(sent, 200, reply);
    await expect(connector.trackShipments!([{ trackingNumber: '9400111899562537624389' }])).resolves.toEqual(
      [],
    );
  });

  it('asks once per distinct parcel, keeps the input order, and at most `concurrency` at a time', async () => {
    await connector.close?.();
    connector = create({ concurrency: 2 });
    let inFlight = 0;
    let peak = 0;
    const codes = ['C1', 'C2', 'C3', 'C4', 'C5'];
    nock(API)
      .get('/v2/trackers')
      .query(true)
      .times(5)
      .reply(async (uri) => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        const code = new URL(uri, API).searchParams.get('tracking_code')!;
        await new Promise((r) => setTimeout(r, code === 'C1' ? 60 : 10));
        inFlight--;
        const tracker = {
          ...easyPostReply('trackers-delivered').trackers[0],
          id: `trk_${code}`,
          tracking_code: code,
        };
        return [200, JSON.stringify({ trackers: [tracker], has_more: false })];
      });

    const found = await connector.trackShipments!(
      [...codes, 'C3'].map((trackingNumber) => ({ trackingNumber })),
    );

    expect(found.map((r) => (r.payload as Json).id)).toEqual(codes.map((c) => `trk_${c}`));
    expect(peak).toBe(2);
  });

  it('tracks nothing without asking when there are no parcels', async () => {
    await expect(connector.trackShipments!([])).resolves.toEqual([]);
    expect(sent).toHaveLength(0);
  });

  it('maps HTTP 401 to auth_failed, not retryable', async () => {
    answer(sent, 401, errorBody('APIKEY.REQUIRED', 'This api key is no longer active.'));
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, httpStatus: 401 });
  });

  it('maps HTTP 429 with Retry-After: 3 to rate_limited with retryAfterMs 3000', async () => {
    answer(sent, 429, errorBody('RATE_LIMITED', 'You have exceeded the rate limit.'), { 'Retry-After': '3' });
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      retryAfterMs: 3000,
      httpStatus: 429,
    });
    expect(sent).toHaveLength(1);
  });

  it('fails the whole look-up when one parcel fails, and starts no further call', async () => {
    await connector.close?.();
    connector = create({ concurrency: 1 });
    answer(sent, 503, errorBody('SERVICE_UNAVAILABLE', 'down'));
    const second = answer(sent, 200, empty);
    const error = await failure(
      connector.trackShipments!([{ trackingNumber: 'X1' }, { trackingNumber: 'X2' }]),
    );
    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true, httpStatus: 503 });
    expect(second.isDone()).toBe(false);
  });

  it('maps HTTP 500 to upstream_unavailable', async () => {
    answer(sent, 500, errorBody('INTERNAL_SERVER_ERROR', 'Something went wrong'));
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true });
  });

  it('maps a body that is not JSON to invalid_response', async () => {
    answer(sent, 200, '{"trackers": [{"id": ');
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
  });

  it('maps a reply without `trackers` to invalid_response', async () => {
    answer(sent, 200, { has_more: false });
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('trackers');
  });

  it('maps a tracker without a tracking_code to invalid_response', async () => {
    const reply = easyPostReply('trackers-delivered');
    delete reply.trackers[0].tracking_code;
    answer(sent, 200, reply);
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('trackers.0.tracking_code');
  });

  it('maps a reply slower than timeoutMs to timeout', async () => {
    await connector.close?.();
    connector = create({ timeoutMs: 200 });
    answer(sent, 200, empty, {}, 2_000);
    const started = Date.now();
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('uses the baseUrl when one is configured (the sandbox)', async () => {
    await connector.close?.();
    connector = create({ baseUrl: 'http://easypost.test:4010/v2' });
    const scope = nock('http://easypost.test:4010')
      .get('/v2/trackers')
      .query({ tracking_code: 'X1' })
      .reply(200, empty);
    await expect(connector.trackShipments!([{ trackingNumber: 'X1' }])).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('passes the health check on a one-tracker page', async () => {
    answer(sent, 200, easyPostReply('trackers-delivered'));
    await expect(connector.healthCheck()).resolves.toBeUndefined();
    expect(sent).toEqual([{ query: { page_size: '1' }, auth: AUTH }]);
  });

  it('fails the health check with a bad key', async () => {
    answer(sent, 401, errorBody('APIKEY.REQUIRED', 'API key required.'));
    expect((await failure(connector.healthCheck())).code).toBe('auth_failed');
  });

  it('tells a person where to look by hand, without IO', () => {
    const lookup = connector.manualLookup({ orderNumber: '1001' });
    expect(lookup.instructions).toContain('order #1001');
    expect(lookup.instructions).toContain('Trackers');
    expect(lookup.url).toBe('https://app.easypost.com/trackers');
    expect(connector.manualLookup({ email: 'a@b.c' }).instructions).toContain('a@b.c');
  });

  it('rejects options it does not know and a missing key', () => {
    expect(() => easyPostConnector.optionsSchema.parse({ apiKey: 'k', apiSecret: 'x' })).toThrow();
    expect(() => easyPostConnector.optionsSchema.parse({})).toThrow();
    expect(easyPostConnector.optionsSchema.parse({ apiKey: 'k', concurrency: '3' })).toMatchObject({
      concurrency: 3,
      timeoutMs: 5000,
    });
  });
});
