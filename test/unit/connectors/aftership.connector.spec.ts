import nock from 'nock';
import { afterShipConnector } from '../../../connectors/aftership';
import { type Connector } from '../../../src/connectors/contract';
import { afterShipReply, afterShipTrackings, emptyReply, type Json } from '../../fixtures/aftership';
import { failure } from '../../support/connector-failure';

/** nock answers as AfterShip itself; test/setup/nock-restore.ts keeps each file's nock to itself. */
const API = 'https://api.aftership.com';
const PATH = '/tracking/2025-01/trackings';

interface Sent {
  query: Record<string, string>;
  key: string | undefined;
}

function create(overrides: Record<string, unknown> = {}): Connector {
  const options = afterShipConnector.optionsSchema.parse({ apiKey: 'asat_test_key', ...overrides });
  return afterShipConnector.create(options, { id: 'aftership', logger: { debug() {}, warn() {} } });
}

/** Intercepts `GET /tracking/2025-01/trackings` (any query), records it, answers with status/body. */
function answer(sent: Sent[], status: number, body: Json, headers: Record<string, string> = {}, delayMs = 0) {
  return nock(API)
    .get(PATH)
    .query(true)
    .delay(delayMs)
    .reply(function (uri) {
      const query = Object.fromEntries(new URL(uri, API).searchParams);
      sent.push({ query, key: this.req.headers['as-api-key'] as string | undefined });
      return [
        status,
        typeof body === 'string' ? body : JSON.stringify(body),
        { 'Content-Type': 'application/json', ...headers },
      ];
    });
}

const reply = (trackings: Json[]) => ({ ...emptyReply(), data: { ...emptyReply().data, trackings } });
const meta = (code: number, type: string, message: string) => ({ meta: { code, type, message }, data: {} });
const ids = (records: { payload: unknown }[]) => records.map((r) => (r.payload as Json).id);

describe('AfterShipConnector (Tracking API 2025-01 via nock)', () => {
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
    expect(afterShipConnector).toMatchObject({
      type: 'aftership',
      system: 'shipping',
      capabilities: ['shipments.byTracking'],
    });
    expect(connector).toMatchObject({ id: 'aftership', type: 'aftership', system: 'shipping' });
  });

  it('asks for several numbers in one request, with their slugs and the as-api-key header', async () => {
    const body = afterShipReply('trackings-exceptions');
    const scope = answer(sent, 200, body);

    const found = await connector.trackShipments!([
      { trackingNumber: 'TT123456785GB', carrier: 'Royal Mail' },
      { trackingNumber: '1234567890', carrier: 'DHL Express' },
    ]);

    expect(sent).toEqual([
      {
        query: { tracking_numbers: 'TT123456785GB,1234567890', slug: 'royal-mail,dhl', limit: '200' },
        key: 'asat_test_key',
      },
    ]);
    // The third tracking in the reply (another number) is not one of ours.
    expect(found).toEqual([
      { resource: 'tracking', payload: body.data.trackings[0] },
      { resource: 'tracking', payload: body.data.trackings[1] },
    ]);
    expect(scope.isDone()).toBe(true);
  });

  it.each([
    ['UPS', 'ups'],
    ['USPS', 'usps'],
    ['FedEx', 'fedex'],
    ['Canada Post', 'canada-post'],
    ['DPD', 'dpd'],
    ['Japan Post', 'japan-post'],
    ['royal-mail', 'royal-mail'],
  ])('translates the carrier name %s to the slug %s', async (name, slug) => {
    answer(sent, 200, emptyReply());
    await connector.trackShipments!([{ trackingNumber: 'X1', carrier: name }]);
    expect(sent[0].query.slug).toBe(slug);
  });

  it('sends no slug filter when a parcel has no known carrier, and matches by number alone', async () => {
    const [delivered] = afterShipTrackings('trackings-delivered');
    answer(sent, 200, reply([delivered]));

    const found = await connector.trackShipments!([
      { trackingNumber: '1Z999AA10123456784' },
      { trackingNumber: 'X2', carrier: 'UPS' },
      { trackingNumber: 'X3', carrier: 'Pigeon Post' },
    ]);

    expect(sent[0].query).toEqual({ tracking_numbers: '1Z999AA10123456784,X2,X3', limit: '200' });
    expect(ids(found)).toEqual([delivered.id]);
  });

  it('does not take another courier’s tracking of the same number', async () => {
    const [delivered] = afterShipTrackings('trackings-delivered');
    answer(sent, 200, reply([{ ...delivered, slug: 'usps' }]));
    await expect(
      connector.trackShipments!([
        { trackingNumber: '1Z999AA10123456784', carrier: 'UPS' },
        { trackingNumber: 'Z' },
      ]),
    ).resolves.toEqual([]);
  });

  it('takes the newest of several trackings of one number', async () => {
    const [delivered] = afterShipTrackings('trackings-delivered');
    const older = { ...delivered, id: 'old', created_at: '2024-01-02T00:00:00+00:00' };
    const newer = { ...delivered, id: 'new', created_at: '2025-11-03T00:00:00+00:00' };
    answer(
      sent,
      200,
      reply([older, newer, { ...delivered, id: 'older', created_at: '2023-05-01T00:00:00+00:00' }]),
    );

    const found = await connector.trackShipments!([{ trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }]);

    expect(ids(found)).toEqual(['new']);
  });

  it('returns nothing when AfterShip tracks none of the numbers', async () => {
    answer(sent, 200, emptyReply());
    await expect(connector.trackShipments!([{ trackingNumber: 'NOPE', carrier: 'UPS' }])).resolves.toEqual(
      [],
    );
  });

  it('splits more than 50 numbers into requests of 50, asking for each number once', async () => {
    for (let i = 0; i < 3; i++) answer(sent, 200, emptyReply());
    const parcels = Array.from({ length: 120 }, (_, i) => ({ trackingNumber: `N${i}`, carrier: 'UPS' }));

    await connector.trackShipments!([...parcels, parcels[0]]);

    const batches = sent.map((s) => s.query.tracking_numbers.split(','));
    expect(batches.map((b) => b.length).sort((a, b) => b - a)).toEqual([50, 50, 20]);
    expect(new Set(batches.flat()).size).toBe(120);
  });

  it('tracks nothing without asking when there are no parcels', async () => {
    await expect(connector.trackShipments!([])).resolves.toEqual([]);
    expect(sent).toHaveLength(0);
  });

  it('maps HTTP 401 to auth_failed, not retryable', async () => {
    answer(sent, 401, meta(401, 'Unauthorized', 'The API key is invalid.'));
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({ code: 'auth_failed', retryable: false, httpStatus: 401 });
  });

  it('maps HTTP 429 with x-ratelimit-reset (epoch seconds) to rate_limited, waiting until the reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 4;
    answer(sent, 429, meta(429, 'TooManyRequests', 'You have exceeded the API call rate limit.'), {
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(reset),
    });

    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));

    expect(error).toMatchObject({ code: 'rate_limited', retryable: true, httpStatus: 429 });
    expect(error.retryAfterMs).toBeGreaterThan(2_500);
    expect(error.retryAfterMs).toBeLessThanOrEqual(4_000);
  });

  it('prefers Retry-After when AfterShip sends it with the rate headers', async () => {
    answer(sent, 429, meta(429, 'TooManyRequests', 'Slow down.'), {
      'retry-after': '2',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 30),
    });
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 2000 });
  });

  it('treats a reset already past as no wait', async () => {
    answer(sent, 429, meta(429, 'TooManyRequests', 'Slow down.'), {
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) - 5),
    });
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 0 });
  });

  it('maps HTTP 500 and 503 to upstream_unavailable, retryable', async () => {
    answer(sent, 500, meta(500, 'InternalError', 'Something went wrong on AfterShip’s end.'));
    expect(await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]))).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
      httpStatus: 500,
    });
    answer(sent, 503, 'Service Unavailable');
    expect((await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]))).code).toBe(
      'upstream_unavailable',
    );
  });

  it('does not read the rate window as a wait on a 503 (every reply carries x-ratelimit-reset)', async () => {
    answer(sent, 503, meta(503, 'ServiceUnavailable', 'Down for maintenance.'), {
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
    });
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({ code: 'upstream_unavailable', httpStatus: 503 });
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('maps a body that is not JSON to invalid_response', async () => {
    answer(sent, 200, '{"meta": {"code": 200}, "data": {"trac');
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({ code: 'invalid_response', retryable: false });
  });

  it('maps a reply without the envelope to invalid_response', async () => {
    answer(sent, 200, { trackings: [] });
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('meta');
  });

  it('maps a tracking without a tracking_number to invalid_response', async () => {
    const body = afterShipReply('trackings-delivered');
    delete body.data.trackings[0].tracking_number;
    answer(sent, 200, body);
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error.code).toBe('invalid_response');
    expect(error.message).toContain('data.trackings.0.tracking_number');
  });

  it('maps a reply slower than timeoutMs to timeout', async () => {
    await connector.close?.();
    connector = create({ timeoutMs: 200 });
    answer(sent, 200, emptyReply(), {}, 2_000);
    const started = Date.now();
    const error = await failure(connector.trackShipments!([{ trackingNumber: 'X1' }]));
    expect(error).toMatchObject({ code: 'timeout', retryable: true });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('uses the baseUrl when one is configured (the sandbox)', async () => {
    await connector.close?.();
    connector = create({ baseUrl: 'http://aftership.test:4010/tracking/2025-01' });
    const scope = nock('http://aftership.test:4010')
      .get(PATH)
      .query({ tracking_numbers: 'X1', limit: '200' })
      .reply(200, emptyReply());
    await expect(connector.trackShipments!([{ trackingNumber: 'X1' }])).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('passes the health check on a one-tracking page', async () => {
    answer(sent, 200, afterShipReply('trackings-delivered'));
    await expect(connector.healthCheck()).resolves.toBeUndefined();
    expect(sent).toEqual([{ query: { limit: '1' }, key: 'asat_test_key' }]);
  });

  it('fails the health check with a bad key', async () => {
    answer(sent, 401, meta(401, 'Unauthorized', 'The API key is invalid.'));
    expect((await failure(connector.healthCheck())).code).toBe('auth_failed');
  });

  it('tells a person where to look by hand, without IO', () => {
    const lookup = connector.manualLookup({ orderNumber: '1001' });
    expect(lookup.instructions).toContain('order #1001');
    expect(lookup.url).toBe('https://admin.aftership.com/shipments');
    expect(connector.manualLookup({ phone: '+14155550123' }).instructions).toContain('+14155550123');
  });

  it('rejects options it does not know and a missing key', () => {
    expect(() => afterShipConnector.optionsSchema.parse({ apiKey: 'k', slug: 'ups' })).toThrow();
    expect(() => afterShipConnector.optionsSchema.parse({})).toThrow();
  });
});
