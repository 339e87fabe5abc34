import { Inject, Injectable } from '@nestjs/common';
import { stillGranted } from '../actions/granted-remedies';
import { type Order } from '../canonical';
import { HubException } from '../common/problem';
import { type OrderContext } from '../context/context.schemas';
import { OrderContextService } from '../context/order-context.service';
import { type Decision, forChannel, PlaybookEngine } from './playbook.engine';
import { type Channel } from './playbook.schema';
import { checkSituation, checkSkus } from './reported-check';
import { type Facts, factsOf, type Reported } from './playbook.facts';
import { type RemediesAnswer, type RemediesQuery } from './remedies.schemas';

/** An order's context that found the order. */
export type KnownOrderContext = OrderContext & { order: Order };

/**
 * "What would this order get?": the order's context (the same answer a helpdesk gets), its facts,
 * and every playbook's decision for the situation reported or detected, as the channel may offer it.
 */
@Injectable()
export class RemediesService {
  constructor(
    @Inject(OrderContextService) private readonly orders: OrderContextService,
    @Inject(PlaybookEngine) readonly engine: PlaybookEngine,
  ) {}

  /** The situations the loaded playbooks answer. */
  situations(): string[] {
    return [...new Set(this.engine.playbooks.map((p) => p.situation))].sort();
  }

  async forOrder(orderNumber: string, query: RemediesQuery, now = new Date()): Promise<RemediesAnswer> {
    // An unknown situation is refused before any vendor is asked.
    checkSituation(this.situations(), query.situation);
    const context = await this.context(orderNumber);
    const { decisions, facts, errors } = await this.decide(context, query, query.channel, now);
    return {
      orderNumber: context.order.number,
      ...(query.situation ? { situation: query.situation } : {}),
      channel: query.channel,
      decisions,
      facts: facts as unknown as Record<string, unknown>,
      errors,
    };
  }

  /** The order's context; 404 when no system knows the order. */
  async context(orderNumber: string): Promise<KnownOrderContext> {
    const context = await this.orders.orderContext(orderNumber);
    if (!context.order)
      throw new HubException(404, 'order_not_found', 'Not found', `No system knows order ${orderNumber}.`);
    return context as KnownOrderContext;
  }

  /** The playbooks' decisions on a context, for what was reported, as `channel` may offer them. */
  async decide(
    context: KnownOrderContext,
    reported: Reported,
    channel: Channel,
    now = new Date(),
  ): Promise<{
    decisions: Decision[];
    facts: Facts;
    errors: Awaited<ReturnType<PlaybookEngine['decide']>>['errors'];
  }> {
    checkSkus(context.order, reported.skus);
    const granted = context.remedies ? stillGranted(context.remedies) : null;
    const facts = factsOf({ ...context, granted }, reported, now);
    const { decisions, errors } = await this.engine.decide(facts, context.order, reported.skus);
    return { decisions: forChannel(decisions, channel), facts, errors };
  }
}
