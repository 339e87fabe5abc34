import { type Payment } from '../../../src/canonical';
import { type SourceStatus } from '../../../src/context/context.schemas';
import { InsightsService } from '../../../src/insights/insights.service';
import { anOrder, aShipment } from '../../support/canonical.factory';

const now = new Date('2026-11-20T12:00:00Z');
const policies = {
  returnWindowDays: 30,
  overdueGraceDays: 1,
  escalateOn: [
    'delivery_exception',
    'returned_to_sender',
    'payment_dispute_open',
    'fraud_risk_high',
  ] as const,
};
const insights = new InsightsService({ policies: { ...policies, escalateOn: [...policies.escalateOn] } });
const codes = (i: { flags: { code: string }[] }) => i.flags.map((f) => f.code);
const payment = (over: Partial<Payment>): Payment => ({
  id: 'pay_1',
  provider: 'shopify_payments',
  status: 'succeeded',
  amount: { amount: '10.00', currency: 'USD' },
  createdAt: '2026-11-01T10:00:00Z',
  refunds: [],
  disputes: [],
  sources: [],
  ...over,
});

describe('InsightsService', () => {
  it('says nothing special about a plain paid, unfulfilled order', () => {
    expect(insights.forOrder(anOrder(), [], now)).toEqual({
      orderStage: 'pre_fulfillment',
      flags: [],
      returnEligibility: {
        eligible: false,
        reason: 'Not delivered yet; the 30-day return window starts at delivery.',
      },
      escalate: false,
      escalationReasons: [],
    });
  });

  it.each([
    [{ status: 'cancelled' as const }, 'cancelled'],
    [{ fulfillmentStatus: 'in_progress' as const }, 'in_warehouse'],
    [{ shipments: [aShipment({ status: 'info_received' })] }, 'in_warehouse'],
    [{ shipments: [aShipment({ status: 'out_for_delivery' })] }, 'in_transit'],
    [
      { fulfillmentStatus: 'partially_fulfilled' as const, shipments: [aShipment({ status: 'delivered' })] },
      'in_transit',
    ],
    [
      { fulfillmentStatus: 'fulfilled' as const, shipments: [aShipment({ status: 'delivered' })] },
      'delivered',
    ],
    [{ shipments: [aShipment({ status: 'returned_to_sender' })] }, 'returned'],
  ])('stage of %o is %s', (over, stage) => {
    expect(insights.forOrder(anOrder(over), [], now).orderStage).toBe(stage);
  });

  it('flags shipment trouble per shipment and escalates the configured ones', () => {
    const order = anOrder({
      shipments: [
        aShipment({ id: 'a', trackingNumber: 'T1', status: 'exception' }),
        aShipment({ id: 'b', trackingNumber: 'T2', status: 'failed_attempt' }),
        aShipment({ id: 'c', trackingNumber: 'T3', status: 'returned_to_sender' }),
      ],
    });
    const result = insights.forOrder(order, [], now);
    expect(codes(result)).toEqual(['delivery_exception', 'failed_delivery_attempt', 'returned_to_sender']);
    expect(result.escalate).toBe(true);
    expect(result.escalationReasons).toEqual([
      'Shipment T1 reports a delivery exception.',
      'Shipment T3 is being returned to the sender.',
    ]);
  });

  it('flags a shipment overdue only past the grace period and only until it is delivered', () => {
    const late = aShipment({ estimatedDeliveryAt: '2026-11-18T12:00:00Z' });
    const withinGrace = aShipment({ estimatedDeliveryAt: '2026-11-19T13:00:00Z' });
    const delivered = aShipment({
      estimatedDeliveryAt: '2026-11-10T12:00:00Z',
      status: 'delivered',
      deliveredAt: '2026-11-12T12:00:00Z',
    });
    expect(codes(insights.forOrder(anOrder({ shipments: [late] }), [], now))).toEqual(['delivery_overdue']);
    expect(codes(insights.forOrder(anOrder({ shipments: [withinGrace, delivered] }), [], now))).toEqual([]);
  });

  it('flags high risk, holds, pending refunds and open disputes', () => {
    const order = anOrder({
      risk: { level: 'high', recommendation: 'cancel' },
      fulfillmentStatus: 'on_hold',
      payments: [
        payment({
          refunds: [
            {
              id: 'r1',
              amount: { amount: '1.00', currency: 'USD' },
              status: 'pending',
              createdAt: '2026-11-02T00:00:00Z',
            },
          ],
          disputes: [
            { id: 'd1', amount: { amount: '10.00', currency: 'USD' }, status: 'needs_response', open: true },
            { id: 'd2', amount: { amount: '10.00', currency: 'USD' }, status: 'won', open: false },
          ],
        }),
      ],
    });
    const result = insights.forOrder(order, [], now);
    expect(codes(result).sort()).toEqual([
      'fraud_risk_high',
      'order_on_hold',
      'payment_dispute_open',
      'refund_pending',
    ]);
    expect(result.escalationReasons).toHaveLength(2);
  });

  it('flags every source that could not be asked', () => {
    const sources: SourceStatus[] = [
      { connector: 'shopify', system: 'oms', status: 'ok' },
      {
        connector: 'shipbob',
        system: 'wms',
        status: 'unavailable',
        error: { code: 'timeout', message: 'slow' },
      },
    ];
    const result = insights.forOrder(anOrder(), sources, now);
    expect(result.flags).toEqual([
      {
        code: 'source_unavailable',
        severity: 'warning',
        message: 'shipbob (wms) could not be asked now; its data is missing.',
      },
    ]);
    expect(result.escalate).toBe(false);
  });

  it('has no stage without an order', () => {
    expect(insights.forOrder(null, [], now).orderStage).toBeUndefined();
  });
});

describe('policies', () => {
  const delivered = (at: string) =>
    anOrder({
      fulfillmentStatus: 'fulfilled',
      shipments: [aShipment({ status: 'delivered', deliveredAt: at })],
    });

  it('allows a return within the window from the last delivery, and says until when', () => {
    expect(insights.forOrder(delivered('2026-11-01T09:00:00Z'), [], now).returnEligibility).toEqual({
      eligible: true,
      until: '2026-12-01T09:00:00Z',
      reason: 'Within the 30-day return window (delivered 2026-11-01).',
    });
  });

  it('refuses a return after the window, when cancelled, refunded or already returning', () => {
    expect(insights.forOrder(delivered('2026-10-01T09:00:00Z'), [], now).returnEligibility).toEqual({
      eligible: false,
      until: '2026-10-31T09:00:00Z',
      reason: 'The 30-day return window ended on 2026-10-31.',
    });
    const reason = (o: Parameters<InsightsService['forOrder']>[0]) =>
      insights.forOrder(o, [], now).returnEligibility?.reason;
    expect(reason(anOrder({ status: 'cancelled' }))).toBe('The order was cancelled.');
    expect(reason({ ...delivered('2026-11-10T00:00:00Z'), financialStatus: 'refunded' })).toBe(
      'The order was refunded in full.',
    );
    expect(
      reason({
        ...delivered('2026-11-10T00:00:00Z'),
        returns: [{ id: 'r', status: 'requested', sources: [] }],
      }),
    ).toBe('A return is already open for this order.');
  });

  it('takes the window, the grace and what escalates from the configuration', () => {
    const strict = new InsightsService({
      policies: { returnWindowDays: 7, overdueGraceDays: 0, escalateOn: ['order_on_hold'] },
    });
    expect(strict.forOrder(delivered('2026-11-10T00:00:00Z'), [], now).returnEligibility?.eligible).toBe(
      false,
    );
    const late = anOrder({ shipments: [aShipment({ estimatedDeliveryAt: '2026-11-20T06:00:00Z' })] });
    expect(strict.forOrder(late, [], now).flags.map((f) => f.code)).toEqual(['delivery_overdue']);
    expect(insights.forOrder(late, [], now).flags).toEqual([]);
    const held = strict.forOrder(anOrder({ fulfillmentStatus: 'on_hold', risk: { level: 'high' } }), [], now);
    expect(held.escalationReasons).toEqual(['Fulfillment of this order is on hold.']);
  });

  it("names the order in a customer's flags", () => {
    const result = insights.forCustomer([anOrder({ number: '1042', risk: { level: 'high' } })], [], now);
    expect(result.flags).toEqual([
      {
        code: 'fraud_risk_high',
        severity: 'critical',
        message: 'Order 1042: The order management system rates this order high risk.',
      },
    ]);
    expect(result.escalate).toBe(true);
  });
});
