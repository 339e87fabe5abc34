import { Inject, Injectable } from '@nestjs/common';
import { HubException } from '../common/problem';
import { OrderContextService } from '../context/order-context.service';
import { forChannel, PlaybookEngine } from './playbook.engine';
import { checkSituation, checkSkus } from './reported-check';
import { factsOf } from './playbook.facts';
import { type RemediesAnswer, type RemediesQuery } from './remedies.schemas';

/**
 * "What would this order get?": the order's context (the same answer a helpdesk gets), its facts,
 * and every playbook's decision for the situation reported or detected, as the channel may offer it.
 */
@Injectable()
export class RemediesService {
  constructor(
    @Inject(OrderContextService) private readonly orders: OrderContextService,
    @Inject(PlaybookEngine) private readonly engine: PlaybookEngine,
  ) {}

  /** The situations the loaded playbooks answer. */
  situations(): string[] {
    return [...new Set(this.engine.playbooks.map((p) => p.situation))].sort();
  }

  async forOrder(orderNumber: string, query: RemediesQuery, now = new Date()): Promise<RemediesAnswer> {
    // An unknown situation is refused before any vendor is asked.
    checkSituation(this.situations(), query.situation);
    const context = await this.orders.orderContext(orderNumber);
    const order = context.order;
    if (!order)
      throw new HubException(404, 'order_not_found', 'Not found', `No system knows order ${orderNumber}.`);
    const skus = query.skus;
    checkSkus(order, skus);
    const facts = factsOf({ ...context, order }, { situation: query.situation, skus }, now);
    const { decisions, errors } = await this.engine.decide(facts, order, skus);
    return {
      orderNumber: order.number,
      ...(query.situation ? { situation: query.situation } : {}),
      channel: query.channel,
      decisions: forChannel(decisions, query.channel),
      facts: facts as unknown as Record<string, unknown>,
      errors,
    };
  }
}
