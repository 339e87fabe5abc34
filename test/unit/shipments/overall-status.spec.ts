import { ShipmentStatus } from '../../../src/canonical/status.enums';
import { overallStatus } from '../../../src/shipments/overall-status';
import { anOrder, aShipment } from '../../support/canonical.factory';

const orderWith = (...statuses: ShipmentStatus[]) =>
  anOrder({
    fulfillmentStatus: 'fulfilled',
    shipments: statuses.map((status, i) => aShipment({ id: `f${i}`, trackingNumber: `1Z${i}`, status })),
  });

/**
 * What the customer must hear about first, stated as properties rather than a copy of the ranking
 * the code keeps: a parcel in trouble before one with no news, one with no news before one on its
 * way, and on the way, the one furthest from the door. Every status the canonical model has is
 * covered (taken from the schema, so a new status fails here until it is placed).
 */
const TROUBLE: ShipmentStatus[] = ['exception', 'returned_to_sender', 'failed_attempt'];
const NO_NEWS: ShipmentStatus[] = ['expired', 'unknown', 'pending'];
const JOURNEY: ShipmentStatus[] = ['info_received', 'in_transit', 'out_for_delivery'];
const ARRIVED: ShipmentStatus[] = ['available_for_pickup', 'delivered'];
const LIVE = ShipmentStatus.options.filter((s) => s !== 'cancelled');

/** Pairs [needs telling first, can wait] the properties above imply. */
const FIRST: [ShipmentStatus, ShipmentStatus][] = [
  ...TROUBLE.flatMap((t) =>
    [...NO_NEWS, ...JOURNEY, ...ARRIVED].map((o) => [t, o] as [ShipmentStatus, ShipmentStatus]),
  ),
  ...NO_NEWS.flatMap((n) => [...JOURNEY, ...ARRIVED].map((o) => [n, o] as [ShipmentStatus, ShipmentStatus])),
  ...JOURNEY.flatMap((j, i) =>
    [...JOURNEY.slice(i + 1), ...ARRIVED].map((o) => [j, o] as [ShipmentStatus, ShipmentStatus]),
  ),
];

describe('overallStatus', () => {
  it('is pending when the order has no shipments yet', () => {
    expect(overallStatus(anOrder(), 'pre_fulfillment')).toBe('pending');
    expect(overallStatus(anOrder(), undefined)).toBe('pending');
  });

  it('is pending when every shipment was cancelled', () => {
    expect(overallStatus(orderWith('cancelled', 'cancelled'), 'in_warehouse')).toBe('pending');
  });

  it('is cancelled for a cancelled order, whatever its shipments say', () => {
    expect(
      overallStatus(
        anOrder({ status: 'cancelled', shipments: orderWith('delivered').shipments }),
        'delivered',
      ),
    ).toBe('cancelled');
    expect(overallStatus(anOrder({ status: 'cancelled' }), undefined)).toBe('cancelled');
  });

  it('is cancelled when the insights say the order is at the cancelled stage', () => {
    expect(overallStatus(orderWith('in_transit'), 'cancelled')).toBe('cancelled');
  });

  it('places every live status the canonical model has', () => {
    expect([...TROUBLE, ...NO_NEWS, ...JOURNEY, ...ARRIVED].sort()).toEqual([...LIVE].sort());
  });

  it.each(LIVE)('is %p for a single live shipment with that status', (status) => {
    expect(overallStatus(orderWith(status), 'in_transit')).toBe(status);
  });

  it('is the least advanced live shipment’s status', () => {
    expect(overallStatus(orderWith('delivered', 'in_transit', 'out_for_delivery'), 'in_transit')).toBe(
      'in_transit',
    );
    expect(overallStatus(orderWith('out_for_delivery', 'info_received'), 'in_transit')).toBe('info_received');
    expect(overallStatus(orderWith('delivered', 'pending'), 'in_warehouse')).toBe('pending');
  });

  it('ignores cancelled shipments', () => {
    expect(overallStatus(orderWith('cancelled', 'delivered'), 'delivered')).toBe('delivered');
  });

  it('ranks trouble lowest, so the parcel in trouble is the one the customer hears about', () => {
    expect(overallStatus(orderWith('delivered', 'exception'), 'delivered')).toBe('exception');
    expect(overallStatus(orderWith('pending', 'failed_attempt'), 'in_transit')).toBe('failed_attempt');
    expect(overallStatus(orderWith('returned_to_sender', 'unknown'), 'returned')).toBe('returned_to_sender');
  });

  it.each(FIRST)('prefers %p over %p, in either order', (less, more) => {
    expect(overallStatus(orderWith(more, less), 'in_transit')).toBe(less);
    expect(overallStatus(orderWith(less, more), 'in_transit')).toBe(less);
  });

  it('does not reorder the order’s shipments', () => {
    const order = orderWith('delivered', 'exception', 'in_transit');
    overallStatus(order, 'in_transit');
    expect(order.shipments.map((s) => s.status)).toEqual(['delivered', 'exception', 'in_transit']);
  });
});

describe('overallStatus with items still to ship', () => {
  const line = (quantity: number) => ({ id: 'l', title: 'Tee', quantity });

  it('is not "delivered" while the shop says the order is partly fulfilled', () => {
    const order = anOrder({
      fulfillmentStatus: 'partially_fulfilled',
      shipments: [aShipment({ status: 'delivered' })],
    });
    expect(overallStatus(order, 'in_transit')).toBe('pending');
  });

  it('counts the items the shipments carry when they all say, whatever the shop status', () => {
    const carrying = (quantity: number) => [
      aShipment({ status: 'delivered', items: [{ sku: 'T', quantity }] }),
    ];
    expect(overallStatus(anOrder({ lineItems: [line(3)], shipments: carrying(2) }), 'in_transit')).toBe(
      'pending',
    );
    // The shop still says unfulfilled (its status lags the warehouse), but everything shipped.
    expect(overallStatus(anOrder({ lineItems: [line(3)], shipments: carrying(3) }), 'delivered')).toBe(
      'delivered',
    );
  });

  it('still surfaces trouble before the unshipped items', () => {
    const order = anOrder({
      fulfillmentStatus: 'partially_fulfilled',
      shipments: [aShipment({ status: 'exception' })],
    });
    expect(overallStatus(order, 'in_transit')).toBe('exception');
  });
});
