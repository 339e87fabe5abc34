import { join } from 'node:path';
import { easyPostConnector } from '../../../connectors/easypost';
import { type Shipment, ShipmentSchema } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { type UnknownValueEvent } from '../../../src/mapping/mapping.compiler';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { easyPostTracker, type Json } from '../../fixtures/easypost';

// What EasyPostConnector.mappingContext holds for a connector with id "easypost".
const connector = easyPostConnector.create(easyPostConnector.optionsSchema.parse({ apiKey: 'EZAK_test' }), {
  id: 'easypost',
  logger: { debug() {}, warn() {} },
});
const CTX = connector.mappingContext;

describe('mappings/easypost/tracker.yaml', () => {
  let registry: MappingRegistry;
  let events: UnknownValueEvent[];
  const map = (payload: Json) => registry.map<Shipment>('easypost', 'tracker', payload, CTX);

  beforeEach(() => {
    events = [];
    registry = new MappingRegistry({
      dirs: [join(projectRoot(), 'mappings')],
      onUnknown: (e) => events.push(e),
    });
  });
  afterAll(() => connector.close?.());

  it('carries the connector id and the dashboard origin, never the key', () => {
    expect(CTX).toEqual({ connector: 'easypost', dashboardUrl: 'https://app.easypost.com' });
  });

  describe('trackers-delivered.json (USPS, delivered)', () => {
    let shipment: Shipment;
    beforeEach(async () => {
      shipment = await map(easyPostTracker('trackers-delivered'));
    });

    it('maps the header, dates and the EasyPost link', () => {
      expect(ShipmentSchema.parse(shipment)).toEqual(shipment);
      expect(shipment).toMatchObject({
        id: 'trk_6c3b5a0d4e1f4b6c9a2d7e8f01234567',
        carrier: 'USPS',
        service: 'Priority Mail',
        trackingNumber: '9400111899562537624389',
        trackingUrl: 'https://track.easypost.com/djE6dHJrXzZjM2I1YTBkNGUxZjRiNmM5YTJkN2U4ZjAxMjM0NTY3',
        status: 'delivered',
        statusDetail: 'arrived_at_destination',
        estimatedDeliveryAt: '2025-11-06T00:00:00Z',
        promisedDeliveryAt: '2025-11-07T00:00:00Z',
        deliveredAt: '2025-11-06T19:41:03Z',
      });
      expect(shipment.sources).toEqual([
        {
          connector: 'easypost',
          id: 'trk_6c3b5a0d4e1f4b6c9a2d7e8f01234567',
          url: 'https://track.easypost.com/djE6dHJrXzZjM2I1YTBkNGUxZjRiNmM5YTJkN2U4ZjAxMjM0NTY3',
        },
      ]);
      expect(shipment).not.toHaveProperty('shippedAt');
      expect(shipment).not.toHaveProperty('warehouseStatus');
      expect(registry.unknownValues()).toEqual({});
    });

    it('lists the scans newest first, in UTC, with their place', () => {
      expect(shipment.events).toEqual([
        {
          at: '2025-11-06T19:41:03Z',
          status: 'delivered',
          description: 'Delivered, In/At Mailbox',
          location: 'SAN FRANCISCO, CA, US',
        },
        {
          at: '2025-11-06T13:05:00Z',
          status: 'out_for_delivery',
          description: 'Out for Delivery',
          location: 'SAN FRANCISCO, CA, US',
        },
        {
          // -06:00 local time
          at: '2025-11-05T09:00:39Z',
          status: 'in_transit',
          description: 'Arrived at USPS Regional Facility',
          location: 'MEMPHIS, TN, US',
        },
        {
          at: '2025-11-04T01:24:39Z',
          status: 'in_transit',
          description: 'Accepted at USPS Origin Facility',
          location: 'RENO, NV, US',
        },
        {
          at: '2025-11-03T16:02:11Z',
          status: 'info_received',
          description: 'Pre-Shipment Info Sent to USPS',
        },
      ]);
    });
  });

  describe('trackers-lost.json (UPS, failure/lost)', () => {
    it('keeps the lost detail visible next to the exception status', async () => {
      const shipment = await map(easyPostTracker('trackers-lost'));
      expect(shipment).toMatchObject({ status: 'exception', statusDetail: 'lost', service: 'UPS Ground' });
      expect(shipment).not.toHaveProperty('deliveredAt');
      expect(shipment).not.toHaveProperty('promisedDeliveryAt');
      // A scan without a message falls back to its detail code.
      expect(shipment.events[0]).toEqual({
        at: '2025-10-28T14:30:00Z',
        status: 'exception',
        description: 'lost',
        location: 'Louisville, KY, US',
      });
    });
  });

  it('maps return_to_sender to returned_to_sender and works without carrier_detail', async () => {
    const shipment = await map(easyPostTracker('trackers-recycled'));
    expect(shipment).toMatchObject({
      status: 'returned_to_sender',
      statusDetail: 'return',
      carrier: 'CanadaPost',
    });
    expect(shipment).not.toHaveProperty('service');
    expect(shipment).not.toHaveProperty('estimatedDeliveryAt');
    expect(shipment.events.map((e) => e.status)).toEqual(['returned_to_sender', 'in_transit']);
  });

  it.each([
    ['unknown', 'unknown'],
    ['pre_transit', 'info_received'],
    ['in_transit', 'in_transit'],
    ['out_for_delivery', 'out_for_delivery'],
    ['delivered', 'delivered'],
    ['available_for_pickup', 'available_for_pickup'],
    ['return_to_sender', 'returned_to_sender'],
    ['failure', 'exception'],
    ['cancelled', 'cancelled'],
    ['error', 'exception'],
  ])('maps status %s to %s without counting it unknown', async (vendor, canonical) => {
    const payload = easyPostTracker('trackers-delivered');
    payload.status = vendor;
    expect((await map(payload)).status).toBe(canonical);
    expect(registry.unknownValues()).toEqual({});
  });

  it('maps statuses EasyPost may add later to unknown and counts them', async () => {
    const shipment = await map(easyPostTracker('trackers-unknown-status'));
    expect(shipment.status).toBe('unknown');
    expect(shipment.statusDetail).toBe('held');
    expect(shipment.events).toEqual([
      {
        at: '2025-12-02T10:00:00Z',
        status: 'unknown',
        description: 'Shipment on hold',
        location: 'Leipzig, DE',
      },
    ]);
    expect(events).toEqual([
      { mapping: 'easypost/tracker', field: 'status', table: 'trackerStatus', value: 'in_customs' },
      {
        mapping: 'easypost/tracker',
        field: 'events[].status',
        table: 'trackerStatus',
        value: 'held_by_customs',
      },
    ]);
    expect(registry.unknownValues()).toEqual({
      'easypost/tracker status=in_customs': 1,
      'easypost/tracker events[].status=held_by_customs': 1,
    });
  });

  it('takes the newest delivered scan as the delivery time', async () => {
    const payload = easyPostTracker('trackers-delivered');
    const first = { ...payload.tracking_details[4], datetime: '2025-11-06T10:00:00Z' };
    payload.tracking_details.splice(3, 0, first);
    expect((await map(payload)).deliveredAt).toBe('2025-11-06T19:41:03Z');
  });
});
