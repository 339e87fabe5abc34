import { join } from 'node:path';
import { afterShipConnector } from '../../../connectors/aftership';
import { type Shipment, ShipmentSchema } from '../../../src/canonical';
import { projectRoot } from '../../../src/common/project-root';
import { type UnknownValueEvent } from '../../../src/mapping/mapping.compiler';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { afterShipTrackings, type Json } from '../../fixtures/aftership';

// What AfterShipConnector.mappingContext holds for a connector with id "aftership".
const connector = afterShipConnector.create(afterShipConnector.optionsSchema.parse({ apiKey: 'asat_test' }), {
  id: 'aftership',
  logger: { debug() {}, warn() {} },
});
const CTX = connector.mappingContext;

describe('mappings/aftership/tracking.yaml', () => {
  let registry: MappingRegistry;
  let events: UnknownValueEvent[];
  const map = (payload: Json) => registry.map<Shipment>('aftership', 'tracking', payload, CTX);

  beforeEach(() => {
    events = [];
    registry = new MappingRegistry({
      dirs: [join(projectRoot(), 'mappings')],
      onUnknown: (e) => events.push(e),
    });
  });
  afterAll(() => connector.close?.());

  it('carries the connector id and the admin origin, never the key', () => {
    expect(CTX).toEqual({ connector: 'aftership', adminUrl: 'https://admin.aftership.com' });
  });

  describe('trackings-delivered.json (UPS, Delivered)', () => {
    let shipment: Shipment;
    beforeEach(async () => {
      [shipment] = await Promise.all(afterShipTrackings('trackings-delivered').map(map));
    });

    it('maps the header and the dates', () => {
      expect(ShipmentSchema.parse(shipment)).toEqual(shipment);
      expect(shipment).toMatchObject({
        id: 'b3f5a0c2d94e4a1f8c7d6e5f4a3b2c1d',
        carrier: 'ups',
        service: 'UPS Ground',
        trackingNumber: '1Z999AA10123456784',
        trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
        status: 'delivered',
        statusDetail: 'Delivered_001',
        shippedAt: '2025-11-02T22:40:00Z',
        estimatedDeliveryAt: '2025-11-05T00:00:00Z',
        promisedDeliveryAt: '2025-11-06T00:00:00Z',
        deliveredAt: '2025-11-05T16:20:05Z',
      });
      expect(shipment.sources).toEqual([
        {
          connector: 'aftership',
          id: 'b3f5a0c2d94e4a1f8c7d6e5f4a3b2c1d',
          url: 'https://acme.aftership.com/1Z999AA10123456784',
        },
      ]);
      expect(registry.unknownValues()).toEqual({});
    });

    it('lists the checkpoints newest first, in UTC, with their place', () => {
      expect(shipment.events).toEqual([
        {
          at: '2025-11-05T16:20:05Z',
          status: 'delivered',
          description: 'DELIVERED',
          location: 'New York, NY, USA',
        },
        {
          at: '2025-11-05T13:02:00Z',
          status: 'out_for_delivery',
          description: 'Out For Delivery Today',
          location: 'New York, NY, USA',
        },
        {
          at: '2025-11-02T22:40:00Z',
          status: 'in_transit',
          description: 'Pickup Scan',
          location: 'Reno, NV, USA',
        },
        {
          at: '2025-11-02T15:00:00Z',
          status: 'info_received',
          description: 'Shipper created a label, UPS has not received the package yet.',
          location: 'USA',
        },
      ]);
    });

    it('reads the 2026-01 range form of the promised date too', async () => {
      const [payload] = afterShipTrackings('trackings-delivered');
      payload.order_promised_delivery_date = {
        promised_delivery_date: '2025-11-08',
        promised_delivery_date_min: null,
        promised_delivery_date_max: null,
      };
      expect((await map(payload)).promisedDeliveryAt).toBe('2025-11-08T00:00:00Z');
    });

    it('falls back to the AfterShip tracking page when the courier link is missing', async () => {
      const [payload] = afterShipTrackings('trackings-delivered');
      payload.courier_tracking_link = null;
      expect((await map(payload)).trackingUrl).toBe('https://acme.aftership.com/1Z999AA10123456784');
    });
  });

  describe('trackings-exceptions.json', () => {
    let returned: Shipment;
    let lost: Shipment;
    let customs: Shipment;
    beforeEach(async () => {
      [returned, lost, customs] = await Promise.all(afterShipTrackings('trackings-exceptions').map(map));
    });

    it('maps Exception_011 (returned to sender) to returned_to_sender, per checkpoint too', () => {
      expect(returned).toMatchObject({
        status: 'returned_to_sender',
        statusDetail: 'Exception_011',
        carrier: 'royal-mail',
        trackingUrl: 'https://www.royalmail.com/track-your-item#/tracking-results/TT123456785GB',
      });
      expect(returned).not.toHaveProperty('deliveredAt');
      expect(returned).not.toHaveProperty('estimatedDeliveryAt');
      expect(returned.sources[0].url).toBe(
        'https://www.royalmail.com/track-your-item#/tracking-results/TT123456785GB',
      );
      expect(returned.events.map((e) => [e.at, e.status])).toEqual([
        ['2025-10-09T10:00:00Z', 'returned_to_sender'],
        ['2025-10-06T07:00:00Z', 'returned_to_sender'], // Exception_010, returning
        ['2025-10-04T09:30:00Z', 'failed_attempt'],
        ['2025-10-01T16:00:00Z', 'in_transit'],
      ]);
      expect(returned.events[0].location).toBe('Northampton, GBR');
    });

    it('keeps Exception_013 (lost) visible next to the exception status', () => {
      expect(lost).toMatchObject({
        status: 'exception',
        statusDetail: 'Exception_013',
        trackingUrl: 'https://acme.aftership.com/1234567890',
        estimatedDeliveryAt: '2025-10-18T16:00:00Z',
      });
      expect(lost).not.toHaveProperty('shippedAt');
      // A checkpoint without a message falls back to the subtag's message.
      expect(lost.events[0]).toEqual({
        at: '2025-10-24T12:00:00Z',
        status: 'exception',
        description: 'Shipment lost',
        location: 'Leipzig, DEU',
      });
    });

    it('maps a tag AfterShip may add later to unknown and counts it', () => {
      expect(customs.status).toBe('unknown');
      expect(customs.statusDetail).toBe('Customs_001');
      expect(customs.events).toEqual([
        { at: '2025-12-02T12:00:00Z', status: 'unknown', description: 'Held' },
      ]);
      expect(customs.sources).toEqual([{ connector: 'aftership', id: 'e5f6a7b8c9d04e1f2a3b4c5d6e7f8091' }]);
      expect(events).toEqual([
        { mapping: 'aftership/tracking', field: 'status', table: 'tag', value: 'Customs' },
        { mapping: 'aftership/tracking', field: 'events[].status', table: 'tag', value: 'Customs' },
      ]);
      expect(registry.unknownValues()).toEqual({
        'aftership/tracking status=Customs': 1,
        'aftership/tracking events[].status=Customs': 1,
      });
    });
  });

  it.each([
    ['Pending', undefined, 'pending'],
    ['InfoReceived', 'InfoReceived_001', 'info_received'],
    ['InTransit', 'InTransit_001', 'in_transit'],
    ['OutForDelivery', 'OutForDelivery_001', 'out_for_delivery'],
    ['AttemptFail', 'AttemptFail_002', 'failed_attempt'],
    ['Delivered', 'Delivered_002', 'delivered'],
    ['AvailableForPickup', 'AvailableForPickup_001', 'available_for_pickup'],
    ['Exception', 'Exception_012', 'exception'],
    ['Exception', 'Exception_010', 'returned_to_sender'],
    ['Exception', 'Exception_011', 'returned_to_sender'],
    ['Expired', 'Expired_001', 'expired'],
  ])('maps tag %s / subtag %s to %s', async (tag, subtag, canonical) => {
    const [payload] = afterShipTrackings('trackings-delivered');
    Object.assign(payload, { tag, subtag });
    const shipment = await map(payload);
    expect(shipment.status).toBe(canonical);
    if (subtag) expect(shipment.statusDetail).toBe(subtag);
    else expect(shipment).not.toHaveProperty('statusDetail');
    expect(registry.unknownValues()).toEqual({});
  });

  it('maps a tracking without a tag to unknown without counting a value', async () => {
    const [payload] = afterShipTrackings('trackings-delivered');
    payload.tag = null;
    payload.subtag = null;
    expect((await map(payload)).status).toBe('unknown');
    expect(registry.unknownValues()).toEqual({});
  });
});
