import { type Payment } from '../../../src/canonical';
import { type SourceStatus } from '../../../src/context/context.schemas';
import { InsightsService } from '../../../src/insights/insights.service';
import { anOrder, aShipment } from '../../support/canonical.factory';

const now = new Date('2026-11-20T12:00:00Z');
const insights = new InsightsService();
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

  it('flags shipment trouble per shipment and escalates the critical ones', () => {
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
    expect(result.escalationReasons).toEqual(['Shipment T1 reports a delivery exception.']);
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
