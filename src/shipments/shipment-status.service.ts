import { Inject, Injectable } from '@nestjs/common';
import { HubException } from '../common/problem';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { type SourceStatus } from '../context/context.schemas';
import { OrderContextService } from '../context/order-context.service';
import { type FlagCode } from '../insights/insights.schema';
import { type Decision, forChannel } from '../playbooks/playbook.engine';
import { FactorAttempts } from './factor-attempts';
import { overallStatus } from './overall-status';
import { secondFactorMatches } from './second-factor';
import { type ShipmentStatusQuery, type ShipmentStatusResponse } from './shipment-status.schemas';
import { statusMessage } from './status-message';
import { type BotLocale } from './bot-locale';

/** Reasons a bot may relay; anything else (fraud, disputes, sources) is only `needs_review`. */
const BOT_SAFE_REASONS: ReadonlySet<FlagCode> = new Set([
  'delivery_exception',
  'delivery_overdue',
  'failed_delivery_attempt',
  'returned_to_sender',
]);

/**
 * Bot shipment status: the same order, flags and escalation as the helpdesk, reduced to what a
 * bot may say. The second factor is checked before anything beyond the order lookups is asked;
 * a mismatch answers exactly like an unknown order, so order numbers cannot be probed.
 */
@Injectable()
export class ShipmentStatusService {
  constructor(
    @Inject(OrderContextService) private readonly orders: OrderContextService,
    @Inject(FactorAttempts) private readonly attempts: FactorAttempts,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  async status(query: ShipmentStatusQuery, locale: BotLocale = 'en'): Promise<ShipmentStatusResponse> {
    if (await this.attempts.blocked(query.orderNumber)) throw notFound();
    let found: Awaited<ReturnType<OrderContextService['orderForBot']>>;
    try {
      found = await this.orders.orderForBot(query.orderNumber, (order) => secondFactorMatches(query, order));
    } catch (error) {
      if (error instanceof HubException && (error.status === 404 || error.status === 503)) {
        const sources = (error.extensions?.sources as SourceStatus[] | undefined) ?? [];
        // 404 only when every system that knows orders answered live; otherwise an unknown order
        // and a wrong factor (below) are the same 503.
        if (error.status === 503) throw unavailable(this.orders.unansweredOrderSources(sources));
        await this.attempts.failed(query.orderNumber);
        throw notFound();
      }
      throw error;
    }
    if ('mismatch' in found) {
      // While a system that knows orders did not answer live, an unknown order answers 503 (it may
      // exist there); a wrong factor must answer the same, or order numbers could be probed.
      const unanswered = this.orders.unansweredOrderSources(found.sources);
      if (unanswered.length > 0) throw unavailable(unanswered);
      await this.attempts.failed(query.orderNumber);
      throw notFound();
    }
    const { order, insights, sources } = found;
    const status = overallStatus(order, insights.orderStage);
    const live = order.shipments.filter((s) => s.status !== 'cancelled');
    const deciding = live.find((s) => s.status === status);
    const escalating = insights.flags
      .filter((f) => insights.escalationReasons.includes(f.message))
      .map((f) => f.code);
    return {
      orderNumber: order.number,
      status,
      message: statusMessage({
        order,
        status,
        shipment: deciding,
        insights,
        locale,
        timeZone: this.config.shop.timeZone,
      }),
      locale,
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
      escalate: insights.escalate,
      escalationReasons: [...new Set(escalating.map((c) => (BOT_SAFE_REASONS.has(c) ? c : 'needs_review')))],
      offers: botOffers(insights.decisions ?? []),
      sources: sources.map(botSource),
    };
  }
}

/** The remedies the playbooks let a bot offer, from the same decisions an agent's answer shows. */
function botOffers(decisions: Decision[]): ShipmentStatusResponse['offers'] {
  return forChannel(decisions, 'bot').flatMap((d) =>
    d.remedies.map((r) => ({
      remedy: r.remedy,
      ...(r.amount ? { amount: r.amount } : {}),
      ...(r.team ? { team: r.team } : {}),
      approval: r.approval,
      situation: d.situation,
      rule: d.rule,
    })),
  );
}

/** One answer for "no such order" and "wrong second factor": same status, same body. */
function notFound(): HubException {
  return new HubException(
    404,
    'order_not_found',
    'Order not found',
    'No order matches this order number and second factor.',
  );
}

/**
 * The same 503 whether or not the order exists: only the order sources that did not answer live,
 * each `unavailable` with its bare code (a copy's age or a `stale` status would tell that the
 * order was looked up before; a source that answered would tell whether it knows the order).
 */
function unavailable(unanswered: SourceStatus[]): HubException {
  return new HubException(
    503,
    'sources_unavailable',
    'Sources unavailable',
    'Shipment status cannot be checked right now.',
    undefined,
    {
      sources: unanswered.map((s) => ({
        connector: s.connector,
        system: s.system,
        status: 'unavailable',
        ...(s.error ? { error: { code: s.error.code } } : {}),
      })),
    },
  );
}

function botSource(s: SourceStatus): ShipmentStatusResponse['sources'][number] {
  return {
    connector: s.connector,
    system: s.system,
    status: s.status,
    ...(s.fetchedAt ? { fetchedAt: s.fetchedAt, ageSeconds: s.ageSeconds } : {}),
    ...(s.error ? { error: { code: s.error.code } } : {}),
  };
}
