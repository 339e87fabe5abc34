import { Inject, Injectable } from '@nestjs/common';
import { type Order } from '../canonical';
import { HubException } from '../common/problem';
import { type OrderContext } from '../context/context.schemas';
import { OrderContextService } from '../context/order-context.service';
import { overallStatus } from './overall-status';
import { type ShipmentStatusQuery, type ShipmentStatusResponse } from './shipment-status.schemas';
import { statusMessage } from './status-message';

/**
 * Bot shipment status: the same order context (same flags, same escalation) as the helpdesk,
 * reduced to what a bot may say. The second factor must match; a mismatch answers exactly like
 * an unknown order, so order numbers cannot be probed.
 */
@Injectable()
export class ShipmentStatusService {
  constructor(@Inject(OrderContextService) private readonly orders: OrderContextService) {}

  async status(query: ShipmentStatusQuery): Promise<ShipmentStatusResponse> {
    let context: OrderContext;
    try {
      context = await this.orders.orderContext(query.orderNumber);
    } catch (error) {
      if (error instanceof HubException && error.status === 404) throw notFound();
      if (error instanceof HubException && error.status === 503) throw unavailable(error);
      throw error;
    }
    const order = context.order!;
    if (!secondFactorMatches(query, order, context)) throw notFound();
    const status = overallStatus(order, context.insights.orderStage);
    const live = order.shipments.filter((s) => s.status !== 'cancelled');
    const deciding = live.find((s) => s.status === status);
    return {
      orderNumber: order.number,
      status,
      message: statusMessage({ order, status, shipment: deciding, insights: context.insights }),
      shipments: live.map((s) => ({
        carrier: s.carrier,
        trackingNumber: s.trackingNumber,
        trackingUrl: s.trackingUrl,
        status: s.status,
        estimatedDeliveryAt: s.estimatedDeliveryAt,
        deliveredAt: s.deliveredAt,
        lastEvent: s.events[0]
          ? { at: s.events[0].at, description: s.events[0].description, location: s.events[0].location }
          : undefined,
      })),
      escalate: context.insights.escalate,
      escalationReasons: [
        ...new Set(
          context.insights.flags
            .filter((f) => context.insights.escalationReasons.includes(f.message))
            .map((f) => f.code),
        ),
      ],
      sources: context.sources.map(botSource),
    };
  }
}

function secondFactorMatches(query: ShipmentStatusQuery, order: Order, context: OrderContext): boolean {
  if (query.email !== undefined) {
    const known = [order.customer?.email, context.customer?.email].map((e) => e?.trim().toLowerCase());
    if (!known.includes(query.email)) return false;
  }
  if (query.postalCode !== undefined) {
    const theirs = postal(order.shippingAddress?.postalCode);
    const given = postal(query.postalCode);
    // US ZIP+4 ("10001-1234") matches its five-digit ZIP.
    const zip5 = (p: string) => (/^\d{9}$/.test(p) ? p.slice(0, 5) : p);
    if (!theirs || zip5(theirs) !== zip5(given)) return false;
  }
  return true;
}

const postal = (p: string | undefined) => (p ?? '').toUpperCase().replace(/[\s-]/g, '');

/** One answer for "no such order" and "wrong second factor": same status, same body. */
function notFound(): HubException {
  return new HubException(
    404,
    'order_not_found',
    'Order not found',
    'No order matches this order number and second factor.',
  );
}

/** The 503 without what a bot must not see (error messages, admin links). */
function unavailable(error: HubException): HubException {
  const sources = (error.extensions?.sources as OrderContext['sources'] | undefined) ?? [];
  return new HubException(
    503,
    'sources_unavailable',
    'Sources unavailable',
    'Shipment status cannot be checked right now.',
    undefined,
    {
      sources: sources.map(botSource),
    },
  );
}

function botSource(s: OrderContext['sources'][number]): ShipmentStatusResponse['sources'][number] {
  return {
    connector: s.connector,
    system: s.system,
    status: s.status,
    ...(s.fetchedAt ? { fetchedAt: s.fetchedAt, ageSeconds: s.ageSeconds } : {}),
    ...(s.error ? { error: { code: s.error.code } } : {}),
  };
}
