import { join } from 'node:path';
import { type Order, type OrderFragment } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { orderStage } from '../../../src/insights/order-stage';
import { type UnknownValueEvent } from '../../../src/mapping/mapping.compiler';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { type Json, shipbobOrderRecord } from '../../fixtures/shipbob';

// What ShipBobConnector.mappingContext holds with the default adminUrl.
const ADMIN = 'https://web.shipbob.com/app/merchant';
const CTX = { connector: 'shipbob', adminUrl: ADMIN };
const source = (id: string, shipmentId = id) => ({
  connector: 'shipbob',
  id,
  url: `${ADMIN}/#/orders/${shipmentId}`,
});

/** The fragment folded into an order that knows nothing else, as the merge would for a WMS-only order. */
function asOrder(fragment: OrderFragment): Order {
  return {
    status: 'open',
    financialStatus: 'unknown',
    fulfillmentStatus: 'unknown',
    totals: {},
    lineItems: [],
    shipments: [],
    payments: [],
    returns: [],
    tags: [],
    ...fragment,
    id: fragment.id ?? fragment.number,
    placedAt: fragment.placedAt ?? '2025-01-01T00:00:00Z',
  } as Order;
}

describe('mappings/shipbob/order.yaml', () => {
  let registry: MappingRegistry;
  let events: UnknownValueEvent[];
  const map = (payload: Json) => registry.map<OrderFragment>('shipbob', 'order', payload, CTX);

  beforeEach(() => {
    events = [];
    registry = new MappingRegistry({
      dirs: [join(projectRoot(), 'mappings')],
      onUnknown: (e) => events.push(e),
    });
  });

  describe('orders-1001 + tracking-1001 (delivered, in transit, one item still in the warehouse)', () => {
    let order: OrderFragment;
    beforeEach(async () => {
      order = await map(shipbobOrderRecord('orders-1001', 'tracking-1001'));
    });

    it('maps the header: the reference id is the shop order number, purchase_date the placement', () => {
      expect(order.id).toBe('287394021');
      expect(order.number).toBe('1001');
      expect(order.placedAt).toBe('2025-11-02T14:03:10Z');
      expect(order.sources).toEqual([source('287394021', '195520311')]);
      // The WMS knows no money, payments or order status: the fragment leaves them to other systems.
      for (const field of [
        'status',
        'financialStatus',
        'fulfillmentStatus',
        'totals',
        'currency',
        'payments',
      ])
        expect(order).not.toHaveProperty(field);
    });

    it('maps the recipient as the customer (normalized email) and the shipping address', () => {
      expect(order.customer).toEqual({ email: 'jane.doe@example.com', name: 'Jane Doe' });
      expect(order.shippingAddress).toEqual({
        name: 'Jane Doe',
        line1: '123 Market St',
        line2: 'Apt 4',
        city: 'San Francisco',
        region: 'CA',
        postalCode: '94103',
        countryCode: 'US',
        phone: '+14155550123',
      });
    });

    it('maps products as line items, the SKU standing in for the missing name', () => {
      expect(order.lineItems).toEqual([
        { id: '61827345', sku: 'SOCK-MER-M', title: 'SOCK-MER-M', quantity: 2 },
        { id: '61827346', sku: 'TOTE-CNV', title: 'TOTE-CNV', quantity: 1 },
        // sku is null: the product reference id is the SKU.
        { id: '61827347', sku: 'NOTE-DOT-A5', title: 'NOTE-DOT-A5', quantity: 1 },
      ]);
    });

    it('maps a delivered shipment from its carrier tracking', () => {
      expect(order.shipments![0]).toEqual({
        id: '195520311',
        carrier: 'UPS',
        service: 'UPS Ground',
        trackingNumber: '1Z999AA10123456784',
        trackingUrl: 'https://www.ups.com/track?loc=en_US&tracknum=1Z999AA10123456784',
        status: 'delivered',
        statusDetail: 'Delivered',
        warehouseStatus: 'shipped',
        shippedAt: '2025-11-03T18:12:40.300Z',
        estimatedDeliveryAt: '2025-11-06T00:00:00Z',
        deliveredAt: '2025-11-05T16:38:00Z',
        items: [{ sku: 'SOCK-MER-M', quantity: 2 }],
        events: [],
        sources: [source('195520311')],
      });
    });

    it('maps an in-transit shipment with the carrier estimate, not the fulfillment estimate', () => {
      expect(order.shipments![1]).toEqual({
        id: '195520312',
        carrier: 'USPS',
        service: 'Ground Advantage',
        trackingNumber: '9400111899223817364528',
        trackingUrl: 'https://tools.usps.com/go/TrackConfirmAction?tLabels=9400111899223817364528',
        status: 'in_transit',
        statusDetail: 'In Transit',
        warehouseStatus: 'shipped',
        shippedAt: '2025-11-04T16:02:11Z',
        estimatedDeliveryAt: '2025-11-07T20:00:00Z',
        items: [{ sku: 'TOTE-CNV', quantity: 1 }],
        events: [],
        sources: [source('195520312')],
      });
    });

    it('maps a shipment still in the warehouse as pending/processing, without dates', () => {
      expect(order.shipments![2]).toEqual({
        id: '195520313',
        service: 'Standard', // the ship option until a carrier service is bought
        status: 'pending',
        statusDetail: 'Processing',
        warehouseStatus: 'processing',
        items: [{ sku: 'NOTE-DOT-A5', quantity: 1 }],
        events: [],
        sources: [source('195520313')],
      });
      expect(registry.unknownValues()).toEqual({});
    });

    it('reads the shipment status when the tracking call gave nothing', async () => {
      const without = await map(shipbobOrderRecord('orders-1001'));
      expect(without.shipments!.map((s) => [s.status, s.statusDetail, s.estimatedDeliveryAt])).toEqual([
        ['in_transit', 'Completed', undefined],
        ['in_transit', 'Completed', undefined],
        ['pending', 'Processing', undefined],
      ]);
      expect(without.shipments![0].deliveredAt).toBe('2025-11-05T16:38:00Z');
    });
  });

  describe('orders-in-warehouse (one shipment in each pre-ship state)', () => {
    let order: OrderFragment;
    beforeEach(async () => {
      order = await map(shipbobOrderRecord('orders-in-warehouse'));
    });

    it('falls back to created_date, keeps the company, drops null parts of the address', () => {
      expect(order.placedAt).toBe('2025-11-20T09:14:05Z');
      expect(order.shippingAddress).toEqual({
        name: 'Olivia Brown',
        company: 'Brown & Co',
        line1: '14 Hanover Street',
        city: 'London',
        postalCode: 'W1S 1YH',
        countryCode: 'GB',
      });
      expect(order.customer).toEqual({ email: 'olivia.brown@example.com', name: 'Olivia Brown' });
    });

    it('maps each warehouse state; an out-of-stock Exception has not shipped', () => {
      expect(
        order.shipments!.map((s) => ({
          id: s.id,
          status: s.status,
          warehouseStatus: s.warehouseStatus,
          statusDetail: s.statusDetail,
        })),
      ).toEqual([
        { id: '195530001', status: 'pending', warehouseStatus: 'exception', statusDetail: 'OutOfStock' },
        { id: '195530002', status: 'pending', warehouseStatus: 'on_hold', statusDetail: 'Manual' },
        { id: '195530003', status: 'pending', warehouseStatus: 'processing', statusDetail: 'ImportReview' },
        {
          id: '195530004',
          status: 'info_received',
          warehouseStatus: 'processing',
          statusDetail: 'LabeledCreated',
        },
        { id: '195530005', status: 'cancelled', warehouseStatus: 'cancelled', statusDetail: 'Cancelled' },
      ]);
      expect(order.shipments![3]).toMatchObject({
        carrier: 'RoyalMail',
        trackingNumber: 'RM123456785GB',
        shippedAt: '2025-11-21T10:41:00Z',
      });
      expect(registry.unknownValues()).toEqual({});
    });

    it('puts an order whose shipments have not left the warehouse in the in_warehouse stage', () => {
      expect(orderStage(asOrder(order))).toBe('in_warehouse');
    });

    it('a cancelled shipment stays cancelled even when its label is still tracked', async () => {
      const record = shipbobOrderRecord('orders-in-warehouse');
      record.shipments[4].shipment_tracking = { shipment_id: 195530005, status: 'PreTransit' };
      const mapped = await map(record);
      expect(mapped.shipments![4].status).toBe('cancelled');
    });
  });

  it('reads every tracking status spelling ShipBob documents', async () => {
    const spellings: Record<string, string> = {
      PreTransit: 'info_received',
      InTransit: 'in_transit',
      OutForDelivery: 'out_for_delivery',
      Delivered: 'delivered',
      'Delivery attempt Failed': 'failed_attempt',
      'Available for Pickup': 'available_for_pickup',
      DeliveryException: 'exception',
      Exception: 'exception',
      Failed: 'exception',
      'Return to sender': 'returned_to_sender',
      Cancelled: 'cancelled',
    };
    for (const [status, expected] of Object.entries(spellings)) {
      const record = shipbobOrderRecord('orders-1001', 'tracking-1001');
      record.shipments[1].shipment_tracking.status = status;
      delete record.shipments[1].shipment_tracking.substatus;
      const mapped = await map(record);
      expect([status, mapped.shipments![1].status, mapped.shipments![1].statusDetail]).toEqual([
        status,
        expected,
        status,
      ]);
    }
    expect(events).toEqual([]);
  });

  it('reads in_transit, not in_warehouse, once a parcel is with the carrier', async () => {
    const fragment = await map(shipbobOrderRecord('orders-1001', 'tracking-1001'));
    expect(orderStage(asOrder(fragment))).toBe('in_transit');
  });

  describe('orders-unknown-enums + tracking-unknown-enums (values ShipBob may add later)', () => {
    it('maps unknown statuses to unknown and counts them', async () => {
      const order = await map(shipbobOrderRecord('orders-unknown-enums', 'tracking-unknown-enums'));

      expect(order.shipments!.map((s) => [s.status, s.warehouseStatus, s.statusDetail])).toEqual([
        ['unknown', 'shipped', 'Held at customs'],
        ['unknown', 'unknown', 'Reprocessing'],
      ]);
      expect(events).toEqual([
        {
          mapping: 'shipbob/order',
          field: 'shipments[].status',
          table: 'shipmentStatus',
          value: 'HeldAtCustoms',
        },
        {
          mapping: 'shipbob/order',
          field: 'shipments[].status',
          table: 'shipmentStatus',
          value: 'Reprocessing',
        },
        {
          mapping: 'shipbob/order',
          field: 'shipments[].warehouseStatus',
          table: 'warehouseStatus',
          value: 'Reprocessing',
        },
      ]);
      expect(registry.unknownValues()).toEqual({
        'shipbob/order shipments[].status=HeldAtCustoms': 1,
        'shipbob/order shipments[].status=Reprocessing': 1,
        'shipbob/order shipments[].warehouseStatus=Reprocessing': 1,
      });
    });

    it('still maps everything it knows', async () => {
      const order = await map(shipbobOrderRecord('orders-unknown-enums', 'tracking-unknown-enums'));
      expect(order).toMatchObject({ id: '287499999', number: '1099' });
      expect(order.shipments![0]).toMatchObject({
        carrier: 'USPS',
        trackingNumber: '9400111899223817364528',
        estimatedDeliveryAt: '2025-11-07T20:00:00Z',
      });
    });
  });

  it('maps a minimal order: no shipments, no products, no address', async () => {
    const order = await map({ id: 5, reference_id: '#2001', created_date: '2025-12-01T08:00:00+00:00' });
    expect(order).toEqual({
      id: '5',
      number: '2001',
      placedAt: '2025-12-01T08:00:00Z',
      lineItems: [],
      shipments: [],
      sources: [{ connector: 'shipbob', id: '5' }],
    });
  });
});
