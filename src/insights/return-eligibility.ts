import { type Order } from '../canonical';
import { type Insights } from './insights.schema';

const DAY = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether the customer may still return the order, and why (policy: `policies.returnWindowDays`). */
export function returnEligibility(
  order: Order,
  now: Date,
  windowDays: number,
): NonNullable<Insights['returnEligibility']> {
  const no = (reason: string, until?: string) => ({ eligible: false, ...(until ? { until } : {}), reason });
  if (order.status === 'cancelled') return no('The order was cancelled.');
  if (order.financialStatus === 'refunded') return no('The order was refunded in full.');
  if (order.returns.some((r) => r.status === 'requested' || r.status === 'open')) {
    return no('A return is already open for this order.');
  }
  const live = order.shipments.filter((s) => s.status !== 'cancelled');
  const delivered = live.map((s) => s.deliveredAt).filter((d): d is string => Boolean(d));
  if (live.length === 0 || delivered.length === 0) {
    return no(`Not delivered yet; the ${windowDays}-day return window starts at delivery.`);
  }
  const lastDelivery = Math.max(...delivered.map((d) => Date.parse(d)));
  const until = new Date(lastDelivery + windowDays * DAY).toISOString().replace('.000Z', 'Z');
  if (now.getTime() <= Date.parse(until)) {
    return {
      eligible: true,
      until,
      reason: `Within the ${windowDays}-day return window (delivered ${day(lastDelivery)}).`,
    };
  }
  return no(`The ${windowDays}-day return window ended on ${day(Date.parse(until))}.`, until);
}
