import { join } from 'node:path';
import { shipbobConnector } from '../../../connectors/shipbob';
import { buildShipBobView } from '../../../sandbox/vendors/shipbob/shipbob.view';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { buildWorld } from '../../../sandbox/world/world';
import {
  type Order as WorldOrder,
  type Parcel,
  type ParcelStatus,
  type World,
} from '../../../sandbox/world/world.types';
import { type Order, type OrderFragment, OrderFragmentSchema } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { type Connector, ConnectorError } from '../../../src/connectors/contract';
import { orderStage } from '../../../src/insights/order-stage';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { ANCHOR } from './sandbox.helpers';

const TOKEN = 'shipbob_sandbox';

/** What a parcel's state means canonically, independent of how the view spells it. */
const CANONICAL: Record<ParcelStatus, string> = {
  label_created: 'info_received',
  label_printed: 'info_received',
  confirmed: 'info_received',
  carrier_picked_up: 'in_transit',
  in_transit: 'in_transit',
  delayed: 'in_transit',
  out_for_delivery: 'in_transit', // ShipBob's documented tracking statuses have no out-for-delivery
  attempted_delivery: 'failed_attempt',
  ready_for_pickup: 'available_for_pickup',
  picked_up: 'delivered',
  delivered: 'delivered',
  failure: 'exception',
  returned_to_sender: 'returned_to_sender',
  lost: 'exception',
};
const expectedStatus = (p: Parcel) => (p.cancelledAt ? 'cancelled' : CANONICAL[p.status]);

/** Warehouse states in which the shop has handed the order to ShipBob (sandbox/README.md). */
const SENT = ['submitted', 'in_progress', 'on_hold', 'scheduled', 'restocked'];
const inShipBob = (o: WorldOrder) => o.parcels.length > 0 || SENT.includes(o.warehouse);
/** Units no live parcel carries: they wait in one more shipment once the order is at the warehouse. */
const waiting = (o: WorldOrder) =>
  o.lineItems
    .filter((l) => l.requiresShipping)
    .map((l) => ({
      sku: l.sku,
      quantity:
        l.quantity -
        o.parcels
          .filter((p) => !p.cancelledAt)
          .flatMap((p) => p.items)
          .filter((i) => i.lineItemId === l.id)
          .reduce((sum, i) => sum + i.quantity, 0),
    }))
    .filter((r) => r.quantity > 0);

/** A fragment folded into an order that knows nothing else, as for a WMS-only order. */
const asOrder = (f: OrderFragment): Order =>
  ({
    status: 'open',
    financialStatus: 'unknown',
    fulfillmentStatus: 'unknown',
    totals: {},
    lineItems: [],
    shipments: [],
    payments: [],
    returns: [],
    tags: [],
    ...f,
  }) as Order;

describe('sandbox: ShipBob API 2026-01 and the ShipBob connector', () => {
  let sandbox: Sandbox;
  let connector: Connector;
  let registry: MappingRegistry;

  const create = (token = TOKEN) =>
    shipbobConnector.create(
      shipbobConnector.optionsSchema.parse({ baseUrl: `${sandbox.url}/2026-01`, accessToken: token }),
      { id: 'shipbob', logger: { debug() {}, warn() {} } },
    );
  const fragment = async (number: string | number): Promise<OrderFragment | null> => {
    const record = await connector.orderByNumber!(String(number));
    return (
      record &&
      registry.map<OrderFragment>('shipbob', record.resource, record.payload, connector.mappingContext)
    );
  };
  const get = async (path: string, token = TOKEN, method = 'GET') => {
    const res = await fetch(`${sandbox.url}/2026-01${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
    connector = create();
    registry = new MappingRegistry({ dirs: [join(projectRoot(), 'mappings')] });
  });
  afterAll(async () => {
    await connector.close?.();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  it('tells every world order the way the world has it (present, shipments, statuses)', async () => {
    let present = 0;
    for (const order of sandbox.world.orders) {
      const f = await fragment(order.number);
      if (!inShipBob(order)) {
        expect([order.number, f]).toEqual([order.number, null]);
        continue;
      }
      present++;
      expect(OrderFragmentSchema.safeParse(f).success).toBe(true);
      expect(f).toMatchObject({
        number: String(order.number),
        placedAt: order.placedAt,
        customer: { email: order.email.toLowerCase(), name: order.shippingAddress.name },
        shippingAddress: {
          line1: order.shippingAddress.line1,
          city: order.shippingAddress.city,
          postalCode: order.shippingAddress.postalCode,
          countryCode: order.shippingAddress.countryCode,
        },
      });
      expect(f!.lineItems!.map((l) => [l.sku, l.quantity])).toEqual(
        order.lineItems.filter((l) => l.requiresShipping).map((l) => [l.sku, l.quantity]),
      );
      const parcels = f!.shipments!.slice(0, order.parcels.length);
      expect(parcels.map((s) => [s.carrier, s.trackingNumber, s.status, s.deliveredAt])).toEqual(
        order.parcels.map((p) => [p.carrier, p.trackingNumber, expectedStatus(p), p.deliveredAt]),
      );
      const left = waiting(order);
      const extra = f!.shipments!.slice(order.parcels.length);
      if (left.length > 0 && SENT.includes(order.warehouse)) {
        expect(extra).toHaveLength(1);
        expect(extra[0].items).toEqual(left);
        expect(extra[0]).not.toHaveProperty('trackingNumber');
      } else expect(extra).toEqual([]);
    }
    expect(present).toBeGreaterThan(sandbox.world.orders.length / 2);
  });

  it('has the orders only the WMS knows, with their tracking', async () => {
    for (const order of sandbox.world.orders.filter((o) => o.omsMissing && inShipBob(o))) {
      const f = await fragment(order.number);
      expect(f?.shipments?.map((s) => s.trackingNumber)).toEqual(order.parcels.map((p) => p.trackingNumber));
    }
  });

  it('#1001: the UPS parcel is delivered and shipped from the warehouse', async () => {
    const f = await fragment(1001);
    expect(f!.shipments).toHaveLength(1);
    expect(f!.shipments![0]).toMatchObject({
      carrier: 'UPS',
      trackingNumber: '1Z999AA10123456784',
      status: 'delivered',
      warehouseStatus: 'shipped',
      statusDetail: 'Delivered',
    });
    expect(f!.sources[0].url).toBe(`https://web.shipbob.com/app/merchant/#/orders/${f!.shipments![0].id}`);
  });

  it('#1004: DHL in transit, DPD label at the dock, the backordered notebook still processing', async () => {
    const f = await fragment(1004);
    expect(f!.shipments!.map((s) => [s.carrier, s.status, s.warehouseStatus])).toEqual([
      ['DHL Express', 'in_transit', 'shipped'],
      ['DPD', 'info_received', 'processing'],
      [undefined, 'pending', 'processing'],
    ]);
    expect(f!.shipments![2].items).toEqual([{ sku: 'NOTE-DOT-A5', quantity: 1 }]);
  });

  it('#1006: on hold in the warehouse reads as the in_warehouse stage', async () => {
    const f = await fragment(1006);
    expect(f!.shipments!.map((s) => [s.status, s.warehouseStatus, s.statusDetail])).toEqual([
      ['pending', 'on_hold', 'Manual'],
    ]);
    expect(orderStage(asOrder(f!))).toBe('in_warehouse');
  });

  it('#1007: the Royal Mail delivery attempt failed', async () => {
    const f = await fragment(1007);
    expect(f!.shipments![0]).toMatchObject({ status: 'failed_attempt', statusDetail: 'Failed Attempt' });
  });

  it.each([1003, 1005, 1008])('#%i never reached the warehouse: ShipBob does not know it', async (n) => {
    await expect(connector.orderByNumber!(String(n))).resolves.toBeNull();
  });

  it('rejects a wrong token: 401 → auth_failed, and passes the health check with the right one', async () => {
    const wrong = create('pat_wrong');
    const error = await wrong.orderByNumber!('1001').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ code: 'auth_failed', httpStatus: 401 });
    await wrong.close?.();
    await expect(connector.healthCheck()).resolves.toBeUndefined();
  });

  it('throttles the ShipBob way: 429 with x-retry-after → rate_limited after 1 s', async () => {
    sandbox.faults.set('shipbob', { throttleRate: 1 });
    const raw = await get('/order?ReferenceIds=1001');
    expect(raw.status).toBe(429);
    expect(raw.headers.get('x-retry-after')).toBe('1');
    expect(raw.headers.get('x-remaining-calls')).toBe('0');
    const error = await connector.orderByNumber!('1001').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 1000, httpStatus: 429 });
  });

  it('maps an injected outage and a malformed body to their error codes', async () => {
    sandbox.faults.set('shipbob', { errorRate: 1 });
    await expect(connector.orderByNumber!('1001')).rejects.toMatchObject({ code: 'upstream_unavailable' });
    sandbox.faults.set('shipbob', { errorRate: 0, malformedRate: 1 });
    await expect(connector.orderByNumber!('1001')).rejects.toMatchObject({ code: 'invalid_response' });
  });

  it('serves the order, its shipments and their tracking by id, and counts the operations', async () => {
    const [order] = (await get('/order?ReferenceIds=1004')).body;
    const byId = await get(`/order/${order.id}`);
    expect(byId.body).toEqual(order);
    const shipments = await get(`/order/${order.id}/shipment`);
    expect(shipments.body).toEqual(order.shipments);
    const one = await get(`/shipment/${order.shipments[0].id}`);
    expect(one.body).toEqual(order.shipments[0]);
    const ids = order.shipments.map((s: any) => s.id);
    const tracking = await get(`/shipments-tracking?ShipmentIds=${ids.join(',')}`);
    // The shipment still in the warehouse has no tracking: left out.
    expect(tracking.body.map((t: any) => t.shipment_id)).toEqual(ids.slice(0, 2));
    expect(tracking.body[0]).toMatchObject({
      status: 'InTransit',
      carrier_tracking_number: order.shipments[0].tracking.tracking_number,
    });
    expect(sandbox.stats().vendors.shipbob.operations).toEqual({
      'GET /order': 1,
      'GET /order/{id}': 1,
      'GET /order/{id}/shipment': 1,
      'GET /shipment/{id}': 1,
      'GET /shipments-tracking': 1,
    });
  });

  it('answers like ShipBob at the edges: 404, 405, 400 and ReferenceIds lists', async () => {
    expect((await get('/order/1')).status).toBe(404);
    expect((await get('/nope')).status).toBe(404);
    expect((await get('/order', TOKEN, 'POST')).status).toBe(405);
    const many = Array.from({ length: 26 }, (_, i) => i + 1).join(',');
    expect((await get(`/shipments-tracking?ShipmentIds=${many}`)).status).toBe(400);
    const two = await get('/order?ReferenceIds=1001,1004,999999');
    expect(two.body.map((o: any) => o.reference_id)).toEqual(['1001', '1004']);
    const page = await get('/order?Limit=5&Page=2');
    expect(page.body).toHaveLength(5);
    expect((await get('/channel', 'nope')).status).toBe(401);
  });

  describe('view of a hand-made world (scenario flags)', () => {
    const base = buildWorld({ seed: 7, anchor: ANCHOR });
    const shipped = base.orders.find((o) => o.parcels.length === 1 && !o.parcels[0].cancelledAt)!;
    const unsent = base.orders.find((o) => o.parcels.length === 0)!;
    const world: World = {
      ...base,
      tickets: [],
      orders: [
        {
          ...shipped,
          number: 9001,
          omsMissing: true,
          parcels: [{ ...shipped.parcels[0], omsLacksTracking: true }],
        },
        { ...unsent, number: 9002, warehouse: 'submitted', cancellation: undefined },
        { ...unsent, number: 9003, warehouse: 'declined', cancellation: undefined },
        { ...unsent, number: 9004, warehouse: 'unsubmitted', cancellation: undefined },
        {
          ...unsent,
          number: 9005,
          warehouse: 'in_progress',
          cancellation: { at: unsent.placedAt, reason: 'customer' },
        },
      ],
    };
    const view = buildShipBobView(world);

    it('keeps an order the OMS lacks, with tracking the OMS has not received', () => {
      const order = view.byReference.get('9001')!;
      expect(order.body.shipments).toEqual([
        expect.objectContaining({
          status: expect.any(String),
          is_tracking_uploaded: false,
          tracking: expect.objectContaining({ tracking_number: shipped.parcels[0].trackingNumber }),
        }),
      ]);
      expect(order.shipments[0].tracking).toMatchObject({
        carrier_tracking_number: shipped.parcels[0].trackingNumber,
      });
    });

    it('shows sent orders in review, leaves out declined and unsubmitted ones, cancels cancelled ones', () => {
      expect([...view.byReference.keys()].sort()).toEqual(['9001', '9002', '9005']);
      expect(view.byReference.get('9002')!.body).toMatchObject({ status: 'ImportReview' });
      expect(view.byReference.get('9005')!.body).toMatchObject({
        status: 'Cancelled',
        shipments: [expect.objectContaining({ status: 'Cancelled' })],
      });
    });
  });
});
