import { join } from 'node:path';
import { afterShipConnector } from '../../../connectors/aftership';
import { AFTERSHIP_SANDBOX_API_KEY } from '../../../sandbox/vendors/aftership/aftership.adapter';
import { buildAfterShipView } from '../../../sandbox/vendors/aftership/aftership.view';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { buildWorld, type Order, type Parcel, type ParcelStatus } from '../../../sandbox/world/world';
import { type Shipment, ShipmentSchema } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { type Connector, ConnectorError, type VendorRecord } from '../../../src/connectors/contract';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { ANCHOR } from './sandbox.helpers';

/** What the hub should conclude from AfterShip for each world parcel status (docs/canonical.md). */
const EXPECTED: Record<ParcelStatus, Shipment['status']> = {
  label_created: 'info_received',
  label_printed: 'info_received',
  confirmed: 'info_received',
  carrier_picked_up: 'in_transit',
  in_transit: 'in_transit',
  delayed: 'in_transit',
  attempted_delivery: 'failed_attempt',
  out_for_delivery: 'out_for_delivery',
  ready_for_pickup: 'available_for_pickup',
  picked_up: 'delivered',
  delivered: 'delivered',
  failure: 'exception',
  lost: 'exception',
  returned_to_sender: 'returned_to_sender',
};
// A voided label never gets a scan: AfterShip lets it expire.
const expectedStatus = (p: Parcel) => (p.cancelledAt ? 'expired' : EXPECTED[p.status]);
const PATH = '/tracking/2025-01/trackings';

describe('sandbox: AfterShip Tracking API through the AfterShip connector', () => {
  let sandbox: Sandbox;
  let connector: Connector;
  const registry = new MappingRegistry({ dirs: [join(projectRoot(), 'mappings')] });

  const create = (apiKey = AFTERSHIP_SANDBOX_API_KEY) =>
    afterShipConnector.create(
      afterShipConnector.optionsSchema.parse({
        apiKey,
        baseUrl: `${sandbox.url}/tracking/2025-01`,
        timeoutMs: 2000,
      }),
      { id: 'aftership', logger: { debug() {}, warn() {} } },
    );
  const order = (n: number): Order => sandbox.world.orders.find((o) => o.number === n)!;
  const ref = (p: Parcel) => ({ trackingNumber: p.trackingNumber, carrier: p.carrier });
  const map = (records: VendorRecord[]) =>
    Promise.all(
      records.map((r) =>
        registry.map<Shipment>('aftership', r.resource, r.payload, connector.mappingContext),
      ),
    );
  const byNumber = (shipments: Shipment[]) => new Map(shipments.map((s) => [s.trackingNumber!, s]));

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
    connector = create();
  });
  afterAll(async () => {
    await connector.close?.();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  it('tracks #1001’s UPS parcel as the world has it', async () => {
    const o = order(1001);
    const [parcel] = o.parcels;
    const records = await connector.trackShipments!([ref(parcel)]);
    const [shipment] = await map(records);

    expect(ShipmentSchema.parse(shipment)).toEqual(shipment);
    expect(shipment).toMatchObject({
      carrier: 'ups',
      service: parcel.service,
      trackingNumber: parcel.trackingNumber,
      trackingUrl: parcel.trackingUrl,
      status: 'delivered',
      statusDetail: 'Delivered_001',
      shippedAt: parcel.shippedAt,
      deliveredAt: parcel.deliveredAt,
      estimatedDeliveryAt: parcel.estimatedDeliveryAt,
    });
    expect(shipment.sources).toEqual([
      {
        connector: 'aftership',
        id: shipment.id,
        url: `https://sandbox-shop.aftership.com/${parcel.trackingNumber}`,
      },
    ]);
    expect(shipment.events.map((e) => [e.at, e.description])).toEqual(
      [...parcel.events].reverse().map((e) => [e.at, e.message]),
    );
    expect(records[0].payload).toMatchObject({ order_number: `#${o.number}`, slug: 'ups', tag: 'Delivered' });
    expect(sandbox.stats().vendors.aftership.operations).toEqual({ 'GET /trackings': 1 });
  });

  it('tracks #1009’s three parcels with three carriers in one request', async () => {
    const parcels = order(1009).parcels;
    const shipments = byNumber(await map(await connector.trackShipments!(parcels.map(ref))));

    expect(shipments.size).toBe(3);
    for (const p of parcels) expect(shipments.get(p.trackingNumber)?.status).toBe(expectedStatus(p));
    expect([...shipments.values()].map((s) => s.carrier).sort()).toEqual(['canada-post', 'fedex', 'ups']);
    expect(sandbox.stats().vendors.aftership.requests).toBe(1);
  });

  it('shows #1007’s missed Royal Mail delivery as a failed attempt', async () => {
    const [parcel] = order(1007).parcels;
    const [shipment] = await map(await connector.trackShipments!([ref(parcel)]));
    expect(shipment).toMatchObject({
      carrier: 'royal-mail',
      status: 'failed_attempt',
      statusDetail: 'AttemptFail_001',
    });
  });

  it('tracks every parcel of the world in batches of 50, whatever the OMS knows, and agrees with it', async () => {
    const parcels = sandbox.world.orders.flatMap((o) => o.parcels);
    const numbers = new Set(parcels.map((p) => p.trackingNumber));
    const shipments = byNumber(await map(await connector.trackShipments!(parcels.map(ref))));

    expect(shipments.size).toBe(numbers.size);
    for (const p of parcels) {
      const s = shipments.get(p.trackingNumber)!;
      expect({ number: p.trackingNumber, status: s.status }).toEqual({
        number: p.trackingNumber,
        status: expectedStatus(p),
      });
      expect(s.events).toHaveLength(p.events.length);
      if (p.deliveredAt) expect(s.deliveredAt).toBe(p.deliveredAt);
    }
    expect(sandbox.stats().vendors.aftership.requests).toBe(Math.ceil(numbers.size / 50));
  });

  it('returns nothing for a number it does not track, or under another courier', async () => {
    const [parcel] = order(1001).parcels;
    await expect(
      connector.trackShipments!([
        { trackingNumber: '1ZNOTATRACKINGNO1', carrier: 'UPS' },
        { trackingNumber: parcel.trackingNumber, carrier: 'FedEx' },
      ]),
    ).resolves.toEqual([]);
  });

  it('serves one tracking by id, 404s an unknown one, and sends the rate headers', async () => {
    const [record] = await connector.trackShipments!([ref(order(1001).parcels[0])]);
    const id = (record.payload as { id: string }).id;
    const headers = { 'as-api-key': AFTERSHIP_SANDBOX_API_KEY };

    const asked = Date.now();
    const one = await fetch(`${sandbox.url}${PATH}/${id}`, { headers });
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual({ meta: { code: 200 }, data: record.payload });
    expect(one.headers.get('x-ratelimit-limit')).toBe('10');
    // A second after the moment of the answer, so later than when it was asked (not than now:
    // the answer may have been made in the second that has just ended).
    expect(Number(one.headers.get('x-ratelimit-reset'))).toBeGreaterThan(asked / 1000);

    const missing = await fetch(`${sandbox.url}${PATH}/nope`, { headers });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      meta: { code: 4004, type: 'NotFound', message: 'Tracking does not exist.' },
      data: {},
    });
  });

  it('pages with a cursor and refuses more than 50 numbers', async () => {
    const headers = { 'as-api-key': AFTERSHIP_SANDBOX_API_KEY };
    const first: any = await (await fetch(`${sandbox.url}${PATH}?limit=2`, { headers })).json();
    expect(first.data.trackings).toHaveLength(2);
    expect(first.data.pagination).toMatchObject({ has_next_page: true });
    const next: any = await (
      await fetch(
        `${sandbox.url}${PATH}?limit=2&cursor=${encodeURIComponent(first.data.pagination.next_cursor)}`,
        {
          headers,
        },
      )
    ).json();
    expect(next.data.trackings[0].id).not.toBe(first.data.trackings[0].id);
    expect(next.data.trackings[0].created_at <= first.data.trackings[1].created_at).toBe(true);

    const many = Array.from({ length: 51 }, (_, i) => `N${i}`).join(',');
    const tooMany = await fetch(`${sandbox.url}${PATH}?tracking_numbers=${many}`, { headers });
    expect(tooMany.status).toBe(400);
  });

  it('passes the health check', async () => {
    await expect(connector.healthCheck()).resolves.toBeUndefined();
  });

  it('rejects a wrong API key with 401 → auth_failed', async () => {
    const wrong = create('asat_wrong');
    try {
      const error = await wrong.trackShipments!([ref(order(1001).parcels[0])]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ code: 'auth_failed', httpStatus: 401 });
    } finally {
      await wrong.close?.();
    }
  });

  it('throttles with 429, Retry-After and x-ratelimit-* → rate_limited; fails with 503 → upstream_unavailable', async () => {
    sandbox.faults.set('aftership', { throttleRate: 1 });
    const throttled = await connector.trackShipments!([ref(order(1001).parcels[0])]).catch((e: unknown) => e);
    expect(throttled).toMatchObject({ code: 'rate_limited', retryAfterMs: 1000, httpStatus: 429 });

    sandbox.faults.set('aftership', { throttleRate: 0, errorRate: 1 });
    const down = await connector.healthCheck().catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'upstream_unavailable', httpStatus: 503 });
    expect(sandbox.stats().vendors.aftership.faults).toEqual({ throttle: 1, error: 1 });
  });
});

describe('AfterShip view of a world with lost, returned and OMS-unknown parcels', () => {
  /** A small world of our own: the scenario orders need not contain these cases yet. */
  function trackingOf(
    status: ParcelStatus,
    flags: { omsMissing?: boolean; omsLacksTracking?: boolean } = {},
  ) {
    const world = buildWorld({ seed: 7, anchor: ANCHOR, orders: 35 });
    const order = world.orders.find((o) => o.number === 1001)!;
    const parcel = order.parcels[0];
    const last = parcel.events[parcel.events.length - 1];
    parcel.events = [...parcel.events.slice(0, -1), { ...last, status, message: `Carrier says ${status}` }];
    parcel.status = status;
    delete parcel.deliveredAt;
    if (flags.omsMissing) order.omsMissing = true;
    if (flags.omsLacksTracking) parcel.omsLacksTracking = true;
    return buildAfterShipView(world).byNumber.get(parcel.trackingNumber)![0] as Record<string, any>;
  }

  it('reports a lost parcel as Exception / Exception_013', () => {
    const tracking = trackingOf('lost');
    expect(tracking).toMatchObject({
      tag: 'Exception',
      subtag: 'Exception_013',
      subtag_message: 'Shipment lost',
    });
    expect(tracking.checkpoints.at(-1)).toMatchObject({ tag: 'Exception', subtag: 'Exception_013' });
  });

  it('reports a returned parcel as Exception / Exception_011', () => {
    expect(trackingOf('returned_to_sender')).toMatchObject({
      tag: 'Exception',
      subtag: 'Exception_011',
      return_to_sender: true,
    });
  });

  it('tracks parcels the OMS does not know', () => {
    expect(trackingOf('in_transit', { omsMissing: true })).toMatchObject({ tag: 'InTransit' });
    expect(trackingOf('delayed', { omsLacksTracking: true })).toMatchObject({
      tag: 'InTransit',
      active: true,
    });
  });
});
