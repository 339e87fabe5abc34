import { type Order } from '../canonical';
import { type SourceStatus } from '../context/context.schemas';
import { type Flag } from './insights.schema';

export interface FlagInput {
  order: Order | null;
  sources: readonly SourceStatus[];
  now: Date;
  overdueGraceDays: number;
}

/** One rule per flag; each returns the flags it raises (usually none). */
type FlagRule = (input: FlagInput) => Flag[];

const perShipment =
  (
    status: string,
    code: Flag['code'],
    severity: Flag['severity'],
    say: (tracking: string) => string,
  ): FlagRule =>
  ({ order }) =>
    (order?.shipments ?? [])
      .filter((s) => s.status === status)
      .map((s) => ({ code, severity, message: say(s.trackingNumber ?? s.id) }));

/** What an agent reads when a source's data is not all there, by the source's status. */
const SOURCE_GAP: Record<string, string> = {
  unavailable: 'could not be asked now; its data is missing',
  stale: 'could not be asked now; showing its last good copy',
  partial: 'answered only in part; some of its data is missing',
};

export const FLAG_RULES: readonly FlagRule[] = [
  perShipment(
    'exception',
    'delivery_exception',
    'critical',
    (t) => `Shipment ${t} reports a delivery exception.`,
  ),
  perShipment(
    'failed_attempt',
    'failed_delivery_attempt',
    'warning',
    (t) => `Delivery of ${t} was attempted and failed.`,
  ),
  perShipment(
    'returned_to_sender',
    'returned_to_sender',
    'warning',
    (t) => `Shipment ${t} is being returned to the sender.`,
  ),
  ({ order, now, overdueGraceDays }) =>
    (order?.shipments ?? [])
      .filter((s) => {
        if (
          !s.estimatedDeliveryAt ||
          s.deliveredAt ||
          ['delivered', 'cancelled', 'returned_to_sender'].includes(s.status)
        ) {
          return false;
        }
        return Date.parse(s.estimatedDeliveryAt) + overdueGraceDays * 86_400_000 < now.getTime();
      })
      .map((s) => ({
        code: 'delivery_overdue' as const,
        severity: 'warning' as const,
        message: `Shipment ${s.trackingNumber ?? s.id} was expected by ${s.estimatedDeliveryAt} and has not arrived.`,
      })),
  ({ order }) =>
    (order?.payments ?? []).flatMap((p) =>
      p.disputes
        .filter((d) => d.open)
        .map((d) => ({
          code: 'payment_dispute_open' as const,
          severity: 'critical' as const,
          message: `Payment ${p.id} has an open dispute (${d.status}).`,
        })),
    ),
  ({ order }) =>
    order?.risk?.level === 'high'
      ? [
          {
            code: 'fraud_risk_high',
            severity: 'critical',
            message: 'The order management system rates this order high risk.',
          },
        ]
      : [],
  ({ order }) =>
    (order?.payments ?? []).some((p) => p.refunds.some((r) => r.status === 'pending'))
      ? [
          {
            code: 'refund_pending',
            severity: 'info',
            message: 'A refund is issued and still pending with the payment provider.',
          },
        ]
      : [],
  ({ order }) =>
    order?.fulfillmentStatus === 'on_hold'
      ? [{ code: 'order_on_hold', severity: 'warning', message: 'Fulfillment of this order is on hold.' }]
      : [],
  ({ sources }) =>
    sources
      // A skipped source with an error was not asked because its circuit is open.
      .filter(
        (s) =>
          s.status === 'unavailable' ||
          s.status === 'stale' ||
          s.status === 'partial' ||
          (s.status === 'skipped' && s.error),
      )
      .map((s) => ({
        code: 'source_unavailable' as const,
        severity: 'warning' as const,
        message: `${s.connector} (${s.system}) ${SOURCE_GAP[s.status] ?? SOURCE_GAP.unavailable}.`,
      })),
];
