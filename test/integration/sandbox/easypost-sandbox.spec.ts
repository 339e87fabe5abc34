import { join } from 'node:path';
import { easyPostConnector } from '../../../connectors/easypost';
import { EASYPOST_SANDBOX_API_KEY } from '../../../sandbox/vendors/easypost/easypost.adapter';
import { buildEasyPostView } from '../../../sandbox/vendors/easypost/easypost.view';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { buildWorld, type Order, type Parcel, type ParcelStatus } from '../../../sandbox/world/world';
import { type Shipment, ShipmentSchema } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { type Connector, ConnectorError, type VendorRecord } from '../../../src/connectors/contract';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { ANCHOR } from './sandbox.helpers';

/** What the hub should conclude from EasyPost for each world parcel status (docs/canonical.md). */
const EXPECTED: Record<ParcelStatus, Shipment['status']> = {
  label_created: 'info_received',
  label_printed: 'info_received',
  confirmed: 'info_received',
  carrier_picked_up: 'in_transit',
  in_transit: 'in_transit',
  delayed: 'in_transit',
  attempted_delivery: 'in_transit', // EasyPost has no attempt status; the detail says delivery_exception
  out_for_delivery: 'out_for_delivery',
  ready_for_pickup: 'available_for_pickup',
  picked_up: 'delivered',
  delivered: 'delivered',
  failure: 'exception',
  lost: 'exception',
  returned_to_sender: 'returned_to_sender',
};
const expectedStatus = (p: Parcel) => (p.cancelledAt ? 'cancelled' : EXPECTED[p.status]);

describe('sandbox: EasyPost Tracker API through the EasyPost connector', () => {
  let sandbox: Sandbox;
  let connector: Connector;
  const registry = new MappingRegistry({ dirs: [join(projectRoot(), 'mappings')] });

  const create = (apiKey = EASYPOST_SANDBOX_API_KEY) =>
    easyPostConnector.create(
      easyPostConnector.optionsSchema.parse({ apiKey, baseUrl: `${sandbox.url}/v2`, timeoutMs: 2000 }),
      { id: 'easypost', logger: { debug() {}, warn() {} } },
    );
  const order = (n: number): Order => sandbox.world.orders.find((o) => o.number === n)!;
  const ref = (p: Parcel) => ({ trackingNumber: p.trackingNumber, carrier: p.carrier });
  const map = (records: VendorRecord[]) =>
    Promise.all(
      records.map((r) => registry.map<Shipment>('easypost', r.resource, r.payload, connector.mappingContext)),
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
    const [parcel] = order(1001).parcels;
    const [shipment] = await map(await connector.trackShipments!([ref(parcel)]));

    expect(ShipmentSchema.parse(shipment)).toEqual(shipment);
    expect(shipment).toMatchObject({
      carrier: 'UPS',
      service: parcel.service,
      trackingNumber: parcel.trackingNumber,
      status: 'delivered',
      statusDetail: 'arrived_at_destination',
      deliveredAt: parcel.deliveredAt,
      estimatedDeliveryAt: parcel.estimatedDeliveryAt,
    });
    expect(shipment.trackingUrl).toMatch(/^https:\/\/track\.easypost\.com\//);
    expect(shipment.sources).toEqual([{ connector: 'easypost', id: shipment.id, url: shipment.trackingUrl }]);
    expect(shipment.events.map((e) => [e.at, e.description])).toEqual(
      [...parcel.events].reverse().map((e) => [e.at, e.message]),
    );
    const located = [...parcel.events].reverse().find((e) => e.location)!;
    expect(shipment.events.find((e) => e.at === located.at)?.location).toContain(located.location!.city);
    expect(sandbox.stats().vendors.easypost.operations).toEqual({ 'GET /v2/trackers': 1 });
  });

  it('tracks #1009’s three parcels with three carriers in one call', async () => {
    const parcels = order(1009).parcels;
    expect(parcels.map((p) => p.carrier).sort()).toEqual(['Canada Post', 'FedEx', 'UPS']);

    const shipments = byNumber(await map(await connector.trackShipments!(parcels.map(ref))));

    expect(shipments.size).toBe(3);
    for (const p of parcels) expect(shipments.get(p.trackingNumber)?.status).toBe(expectedStatus(p));
    expect(shipments.get(parcels.find((p) => p.carrier === 'Canada Post')!.trackingNumber)?.carrier).toBe(
      'CanadaPost',
    );
    expect(sandbox.stats().vendors.easypost.requests).toBe(3);
  });

  it('finds #1004’s DHL Express parcel by EasyPost’s carrier code', async () => {
    const dhl = order(1004).parcels.find((p) => p.carrier === 'DHL Express')!;
    const [shipment] = await map(await connector.trackShipments!([ref(dhl)]));
    expect(shipment).toMatchObject({ carrier: 'DHLExpress', status: 'in_transit' });
  });

  it('shows #1007’s missed Royal Mail delivery as in transit with a delivery_exception detail', async () => {
    const [parcel] = order(1007).parcels;
    const [shipment] = await map(await connector.trackShipments!([ref(parcel)]));
    expect(shipment).toMatchObject({ status: 'in_transit', statusDetail: 'delivery_exception' });
    expect(shipment.events[0].description).toBe(parcel.events[parcel.events.length - 1].message);
  });

  it('tracks every parcel of the world, whatever the OMS knows, and agrees with it', async () => {
    const parcels = sandbox.world.orders.flatMap((o) => o.parcels);
    const shipments = byNumber(await map(await connector.trackShipments!(parcels.map(ref))));

    expect(shipments.size).toBe(new Set(parcels.map((p) => p.trackingNumber)).size);
    for (const p of parcels) {
      const s = shipments.get(p.trackingNumber)!;
      expect({ number: p.trackingNumber, status: s.status }).toEqual({
        number: p.trackingNumber,
        status: expectedStatus(p),
      });
      expect(s.events).toHaveLength(p.events.length);
      if (p.deliveredAt) expect(s.deliveredAt).toBe(p.deliveredAt);
    }
  });

  it('returns nothing for a tracking number it does not know, or under another carrier', async () => {
    const [parcel] = order(1001).parcels;
    await expect(
      connector.trackShipments!([
        { trackingNumber: '1ZNOTATRACKINGNO1', carrier: 'UPS' },
        { trackingNumber: parcel.trackingNumber, carrier: 'FedEx' },
      ]),
    ).resolves.toEqual([]);
  });

  it('serves one tracker by id and 404s an unknown one, EasyPost-style', async () => {
    const [record] = await connector.trackShipments!([ref(order(1001).parcels[0])]);
    const id = (record.payload as { id: string }).id;
    const auth = { authorization: `Basic ${Buffer.from(`${EASYPOST_SANDBOX_API_KEY}:`).toString('base64')}` };

    const one = await fetch(`${sandbox.url}/v2/trackers/${id}`, { headers: auth });
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(record.payload);

    const missing = await fetch(`${sandbox.url}/v2/trackers/trk_nope`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: expect.objectContaining({ code: 'NOT_FOUND', errors: [] }),
    });
  });

  it('passes the health check', async () => {
    await expect(connector.healthCheck()).resolves.toBeUndefined();
  });

  it('rejects a wrong API key with 401 → auth_failed', async () => {
    const wrong = create('EZTK_wrong');
    try {
      const error = await wrong.trackShipments!([ref(order(1001).parcels[0])]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorError);
      expect(error).toMatchObject({ code: 'auth_failed', httpStatus: 401 });
    } finally {
      await wrong.close?.();
    }
  });

  it('throttles with 429 + Retry-After → rate_limited, and fails with 503 → upstream_unavailable', async () => {
    sandbox.faults.set('easypost', { throttleRate: 1 });
    const throttled = await connector.healthCheck().catch((e: unknown) => e);
    expect(throttled).toMatchObject({ code: 'rate_limited', retryAfterMs: 1000, httpStatus: 429 });

    sandbox.faults.set('easypost', { throttleRate: 0, errorRate: 1 });
    const down = await connector.trackShipments!([ref(order(1001).parcels[0])]).catch((e: unknown) => e);
    expect(down).toMatchObject({ code: 'upstream_unavailable', httpStatus: 503 });
    expect(sandbox.stats().vendors.easypost.faults).toEqual({ throttle: 1, error: 1 });
  });
});

describe('EasyPost view of a world with lost, returned and OMS-unknown parcels', () => {
  /** A small world of our own: the scenario orders need not contain these cases yet. */
  function worldWith(status: ParcelStatus, flags: { omsMissing?: boolean; omsLacksTracking?: boolean } = {}) {
    const world = buildWorld({ seed: 7, anchor: ANCHOR, orders: 35 });
    const order = world.orders.find((o) => o.number === 1001)!;
    const parcel = order.parcels[0];
    const last = parcel.events[parcel.events.length - 1];
    parcel.events = [...parcel.events.slice(0, -1), { ...last, status, message: `Carrier says ${status}` }];
    parcel.status = status;
    delete parcel.deliveredAt;
    if (flags.omsMissing) order.omsMissing = true;
    if (flags.omsLacksTracking) parcel.omsLacksTracking = true;
    return { world, parcel };
  }
  const trackerOf = (status: ParcelStatus, flags = {}) => {
    const { world, parcel } = worldWith(status, flags);
    return buildEasyPostView(world).byCode.get(parcel.trackingNumber)![0] as Record<string, any>;
  };

  it('reports a lost parcel as failure / lost', () => {
    const tracker = trackerOf('lost');
    expect(tracker).toMatchObject({ status: 'failure', status_detail: 'lost', finalized: true });
    expect(tracker.tracking_details.at(-1)).toMatchObject({ status: 'failure', status_detail: 'lost' });
  });

  it('reports a returned parcel as return_to_sender / return', () => {
    expect(trackerOf('returned_to_sender')).toMatchObject({
      status: 'return_to_sender',
      status_detail: 'return',
    });
  });

  it('tracks parcels the OMS does not know', () => {
    expect(trackerOf('in_transit', { omsMissing: true })).toMatchObject({ status: 'in_transit' });
    expect(trackerOf('delayed', { omsLacksTracking: true })).toMatchObject({
      status: 'in_transit',
      status_detail: 'delayed',
    });
  });
});
