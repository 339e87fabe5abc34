import { type Shipment } from '../../../../src/canonical';
import { mergeShipments, trackingKey } from '../../../../src/context/merge/shipments.merge';
import { aShipment } from '../../../support/canonical.factory';

const SHOPIFY = { connector: 'shopify', id: 'gid://shopify/Fulfillment/1' };
const SHIPBOB = { connector: 'shipbob', id: '55' };
const AFTERSHIP = { connector: 'aftership', id: 'trk_1' };

const event = (at: string, status: Shipment['status'], description: string) => ({ at, status, description });

/** The shop's fulfillment: the fallback for everything. */
const oms = (overrides: Partial<Shipment> = {}): Shipment =>
  aShipment({
    id: 'gid://shopify/Fulfillment/1',
    carrier: 'UPS',
    trackingNumber: '1Z999AA1',
    trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA1',
    status: 'info_received',
    statusDetail: 'LABEL_PRINTED',
    shippedAt: '2026-11-01T12:00:00Z',
    estimatedDeliveryAt: '2026-11-06T00:00:00Z',
    promisedDeliveryAt: '2026-11-07T00:00:00Z',
    items: [{ sku: 'MUG-1', quantity: 1 }],
    events: [event('2026-11-01T12:00:00Z', 'info_received', 'Label printed')],
    sources: [SHOPIFY],
    ...overrides,
  });

/** The warehouse's shipment of the same parcel. */
const wms = (overrides: Partial<Shipment> = {}): Shipment => ({
  id: '55',
  carrier: 'UPS Ground (ShipBob)',
  service: 'Ground',
  trackingNumber: '1z999aa1',
  trackingUrl: 'https://shipbob.example/track/55',
  status: 'in_transit',
  statusDetail: 'InTransit',
  warehouseStatus: 'shipped',
  shippedAt: '2026-11-01T15:00:00Z',
  estimatedDeliveryAt: '2026-11-05T00:00:00Z',
  promisedDeliveryAt: '2026-11-06T12:00:00Z',
  items: [{ sku: 'MUG-1', quantity: 2 }],
  events: [event('2026-11-01T15:00:00Z', 'in_transit', 'Handed to carrier')],
  sources: [SHIPBOB],
  ...overrides,
});

/** The carrier aggregator's live tracking of the same parcel. */
const tracked = (overrides: Partial<Shipment> = {}): Shipment => ({
  id: 'trk_1',
  carrier: 'ups',
  service: 'UPS Ground',
  trackingNumber: '1Z999 AA1',
  trackingUrl: 'https://track.aftership.example/1Z999AA1',
  status: 'out_for_delivery',
  statusDetail: 'OutForDelivery_001',
  shippedAt: '2026-11-01T18:00:00Z',
  estimatedDeliveryAt: '2026-11-03T00:00:00Z',
  promisedDeliveryAt: '2026-11-04T00:00:00Z',
  events: [
    event('2026-11-03T07:00:00Z', 'out_for_delivery', 'Out for delivery'),
    event('2026-11-01T18:00:00Z', 'in_transit', 'Picked up'),
  ],
  sources: [AFTERSHIP],
  ...overrides,
});

describe('trackingKey', () => {
  it.each([
    ['1Z999AA1', '1Z999AA1'],
    ['1z 999-aa1', '1Z999AA1'],
    [' 1z999aa1\t', '1Z999AA1'],
    ['9400-1000-0000', '940010000000'],
  ])('reads %p as %p', (input, key) => {
    expect(trackingKey(input)).toBe(key);
  });

  it.each([undefined, '', '  ', ' - '])('has no key for %p', (input) => {
    expect(trackingKey(input)).toBeUndefined();
  });
});

describe('mergeShipments', () => {
  it('returns the shop’s shipments unchanged when no other system knows them', () => {
    const shipments = [
      oms(),
      oms({ id: 'f2', trackingNumber: '1Z000', sources: [{ connector: 'shopify', id: 'f2' }] }),
    ];
    expect(mergeShipments(shipments, [], [])).toEqual(shipments);
  });

  it('makes one shipment per tracking number: carrier > WMS > OMS for status, events and dates', () => {
    expect(mergeShipments([oms()], [wms()], [tracked()])).toEqual([
      {
        id: 'gid://shopify/Fulfillment/1',
        carrier: 'UPS', // the shop's own name for the carrier
        service: 'UPS Ground',
        trackingNumber: '1Z999AA1', // as the shop spells it
        trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA1',
        status: 'out_for_delivery',
        statusDetail: 'OutForDelivery_001',
        warehouseStatus: 'shipped',
        shippedAt: '2026-11-01T18:00:00Z',
        estimatedDeliveryAt: '2026-11-03T00:00:00Z',
        promisedDeliveryAt: '2026-11-04T00:00:00Z',
        items: [{ sku: 'MUG-1', quantity: 1 }],
        events: tracked().events,
        sources: [SHOPIFY, SHIPBOB, AFTERSHIP],
      },
    ]);
  });

  it('takes the carrier’s delivery date', () => {
    const [merged] = mergeShipments(
      [oms({ deliveredAt: '2026-11-04T09:00:00Z' })],
      [wms({ deliveredAt: '2026-11-04T10:00:00Z' })],
      [tracked({ status: 'delivered', deliveredAt: '2026-11-03T16:42:00Z' })],
    );
    expect(merged.status).toBe('delivered');
    expect(merged.deliveredAt).toBe('2026-11-03T16:42:00Z');
  });

  it('lets the WMS win over the OMS for status, events and dates when no carrier tracks the parcel', () => {
    expect(mergeShipments([oms()], [wms()], [])).toEqual([
      {
        id: 'gid://shopify/Fulfillment/1',
        carrier: 'UPS',
        service: 'Ground',
        trackingNumber: '1Z999AA1',
        trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA1',
        status: 'in_transit',
        statusDetail: 'InTransit',
        warehouseStatus: 'shipped',
        shippedAt: '2026-11-01T15:00:00Z',
        estimatedDeliveryAt: '2026-11-05T00:00:00Z',
        promisedDeliveryAt: '2026-11-06T12:00:00Z',
        items: [{ sku: 'MUG-1', quantity: 1 }],
        events: wms().events,
        sources: [SHOPIFY, SHIPBOB],
      },
    ]);
  });

  it('falls back to the WMS, then the OMS, for what the carrier does not say', () => {
    const carrierSaysLittle = tracked({
      carrier: undefined,
      service: undefined,
      trackingUrl: undefined,
      status: 'unknown',
      statusDetail: undefined,
      shippedAt: undefined,
      estimatedDeliveryAt: undefined,
      promisedDeliveryAt: undefined,
      events: [],
    });
    const wmsSaysLittle = wms({
      carrier: undefined,
      service: undefined,
      trackingUrl: undefined,
      status: 'unknown',
      statusDetail: undefined,
      warehouseStatus: undefined,
      shippedAt: undefined,
      promisedDeliveryAt: undefined,
      items: undefined,
      events: [],
    });
    expect(mergeShipments([oms()], [wmsSaysLittle], [carrierSaysLittle])).toEqual([
      {
        ...oms(),
        estimatedDeliveryAt: '2026-11-05T00:00:00Z', // the one date the WMS knew
        sources: [SHOPIFY, SHIPBOB, AFTERSHIP],
      },
    ]);
  });

  it('never lets an `unknown` carrier or WMS status hide a known one', () => {
    expect(mergeShipments([oms()], [wms({ status: 'unknown' })], [])[0].status).toBe('info_received');
    expect(mergeShipments([oms()], [wms()], [tracked({ status: 'unknown' })])[0].status).toBe('in_transit');
  });

  it('keeps the earlier events when the later source has none', () => {
    expect(mergeShipments([oms()], [wms()], [tracked({ events: [] })])[0].events).toEqual(wms().events);
    expect(mergeShipments([oms()], [wms({ events: [] })], [])[0].events).toEqual(oms().events);
  });

  it('takes items from the WMS only when the OMS has none', () => {
    expect(mergeShipments([oms({ items: undefined })], [wms()], [])[0].items).toEqual([
      { sku: 'MUG-1', quantity: 2 },
    ]);
  });

  it('adds a parcel the WMS has shipped before the OMS knows its tracking number', () => {
    const early = wms({ id: '56', trackingNumber: '1ZNEW', sources: [{ connector: 'shipbob', id: '56' }] });
    expect(mergeShipments([oms()], [early], [])).toEqual([oms(), early]);
  });

  it('lets a tracker refine a parcel only the WMS knows', () => {
    const early = wms({ trackingNumber: '1ZNEW' });
    const [, merged] = mergeShipments([oms()], [early], [tracked({ trackingNumber: '1znew' })]);
    expect(merged).toEqual({
      ...early,
      carrier: 'UPS Ground (ShipBob)',
      service: 'UPS Ground',
      status: 'out_for_delivery',
      statusDetail: 'OutForDelivery_001',
      shippedAt: '2026-11-01T18:00:00Z',
      estimatedDeliveryAt: '2026-11-03T00:00:00Z',
      promisedDeliveryAt: '2026-11-04T00:00:00Z',
      events: tracked().events,
      sources: [SHIPBOB, AFTERSHIP],
    });
  });

  it('never adds a parcel from a tracker alone', () => {
    expect(mergeShipments([oms()], [], [tracked({ trackingNumber: 'OTHER-PARCEL' })])).toEqual([oms()]);
    expect(mergeShipments([], [], [tracked()])).toEqual([]);
    expect(mergeShipments([oms()], [], [tracked({ trackingNumber: undefined })])).toEqual([oms()]);
  });

  it('keeps shipments without a tracking number as they are, after the tracked ones', () => {
    const packing = oms({ id: 'f0', trackingNumber: undefined, status: 'pending', sources: [] });
    const picking = wms({ id: '57', trackingNumber: ' ', status: 'pending', warehouseStatus: 'processing' });
    expect(mergeShipments([packing, oms()], [picking], [tracked({ trackingNumber: undefined })])).toEqual([
      mergeShipments([oms()], [], [])[0],
      packing,
      picking,
    ]);
  });

  it('folds the shop’s duplicates of one parcel into one, listing both sources', () => {
    const twin = oms({ id: 'f9', status: 'delivered', sources: [{ connector: 'shopify', id: 'f9' }] });
    expect(mergeShipments([oms(), twin], [], [])).toEqual([
      { ...oms(), sources: [SHOPIFY, { connector: 'shopify', id: 'f9' }] },
    ]);
  });

  it('lists every source once, across all three systems and several trackers', () => {
    const easypost = { connector: 'easypost', id: 'trk_ep' };
    const [merged] = mergeShipments(
      [oms({ sources: [SHOPIFY, SHIPBOB] })],
      [wms()],
      [tracked(), tracked({ id: 'trk_ep', sources: [easypost, AFTERSHIP] })],
    );
    expect(merged.sources).toEqual([SHOPIFY, SHIPBOB, AFTERSHIP, easypost]);
  });

  it('keeps separate parcels separate, in the shop’s order', () => {
    const second = oms({ id: 'f2', trackingNumber: '1Z222', sources: [{ connector: 'shopify', id: 'f2' }] });
    const merged = mergeShipments([oms(), second], [], [tracked({ trackingNumber: '1Z222' })]);
    expect(merged.map((s) => [s.id, s.status])).toEqual([
      ['gid://shopify/Fulfillment/1', 'info_received'],
      ['f2', 'out_for_delivery'],
    ]);
  });

  it('does not modify its inputs', () => {
    const [a, b, c] = [[oms()], [wms()], [tracked()]];
    mergeShipments(a, b, c);
    expect([a, b, c]).toEqual([[oms()], [wms()], [tracked()]]);
  });
});
