import { HubMetrics } from '../monitoring/hub-metrics';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Customer, type Order, type OrderFragment, type SupportCase } from '../canonical';
import { HubException } from '../common/problem';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { type Connector } from '../connectors/contract';
import { type Insights } from '../insights/insights.schema';
import { InsightsService } from '../insights/insights.service';
import { GrantedRemedies, type GrantedRemedy } from '../actions/granted-remedies';
import { PlaybookEngine } from '../playbooks/playbook.engine';
import { detectedDecisions } from '../playbooks/order-decisions';
import { type OrderContext, type SourceStatus } from './context.schemas';
import { type Fanout, valueOf } from './fanout';
import { FanoutFactory } from './fanout.factory';
import { FollowUps } from './follow-ups';
import { mergeOrder } from './merge/order.merge';

/**
 * The order read path: every system that knows orders by number is asked in parallel; as their
 * answers come in, the carriers about the parcels they name and the shop, help desk and payment
 * provider about the customer (follow-ups.ts), all within one deadline; the answers are merged and
 * the insights derived.
 */
@Injectable()
export class OrderContextService {
  private readonly logger = new Logger(OrderContextService.name);

  constructor(
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(InsightsService) private readonly insights: InsightsService,
    @Inject(FanoutFactory) private readonly fanouts: FanoutFactory,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
    @Inject(PlaybookEngine) private readonly playbooks: PlaybookEngine,
    @Inject(GrantedRemedies) private readonly granted: GrantedRemedies,
  ) {}

  /**
   * `hint`: what the caller already knows about the customer (a help desk knows the requester's
   * email), so the customer and case lookups can start with the order lookups. Only a hint the
   * order's own customer bears out is used; any other is dropped, and nothing it found is shown.
   */
  async orderContext(orderNumber: string, hint: { email?: string } = {}): Promise<OrderContext> {
    const run = this.fanouts.start();
    // Every system is asked in one round or another: their budgets count ahead for the later ones.
    this.connectors.expectCalls(this.connectors.all());
    // The hub's own record of remedies on the order, read while the vendors are asked.
    const granted = this.granted.forOrder(orderNumber);
    try {
      const follow = new FollowUps(run, this.connectors);
      const hinted = hint.email ? new FollowUps(run.branch(), this.connectors) : undefined;
      hinted?.lookUp({ email: hint.email });
      const identify = (customer: Pick<Customer, 'email' | 'phone'> | undefined) => {
        if (hinted && customer?.email && sameEmail(customer.email, hint.email))
          follow.adopt(hinted, customer);
        else follow.lookUp(customer);
      };
      // The merged order's customer is the first shop's, when it knows one (merge/order.merge.ts):
      // its answer alone is enough to start the customer and case lookups.
      const firstShop = this.connectors.withCapability('order.byNumber').find((c) => c.system === 'oms');
      // The longest chains first: the cases lookups take two round trips, tracking one.
      const { parts, known } = await this.phaseOne(run, orderNumber, 'order', (c, value) => {
        if (c === firstShop && value.customer) identify(value.customer);
        follow.track(value.shipments);
      });
      identify(known.customer);
      follow.track(known.shipments);
      const { tracking, customer, cases } = await follow.results();
      const order = mergeOrder({ ...parts, tracking })!;
      const sources = run.ledger.statuses(this.connectors.all(), { orderNumber });
      this.metrics.answered('order', sources);
      this.logger.debug({ orderNumber, calls: run.ledger.timeline() }, 'order context: the calls it took');
      const person = customer ?? customerFromOrder(order);
      const remedies = await granted;
      return {
        order,
        customer: person,
        cases,
        insights: await this.decided(order, person, cases, remedies, this.insights.forOrder(order, sources)),
        ...(remedies ? { remedies } : {}),
        sources,
        generatedAt: new Date().toISOString(),
      };
    } finally {
      run.deadline.dispose();
    }
  }

  /**
   * The order as the bot path needs it: the systems that know orders by number, a check by the
   * caller (the second factor) BEFORE anything else is asked, then live tracking only. The check
   * runs first on the first shop's answer alone, whose customer and shipping address the merged
   * order keeps (merge/order.merge.ts): when it passes there, tracking starts at once instead of
   * after the slowest order source. A refusal still waits for every order source. No customer or
   * case lookups: they are not in a bot's answer, and asking them only for real orders would make
   * a wrong second factor slower than an unknown order.
   */
  async orderForBot(
    orderNumber: string,
    verify: (order: Order) => boolean,
  ): Promise<
    | { order: Order; insights: OrderContext['insights']; sources: SourceStatus[] }
    | { mismatch: true; sources: SourceStatus[] }
  > {
    const run = this.fanouts.start();
    // The second round: the carriers, and the warehouse's tracking after its order.
    this.connectors.expectCalls([
      ...this.connectors.withCapability('shipments.byTracking'),
      ...this.connectors.withCapability('order.byNumber'),
    ]);
    // Read for the decisions only (a bot never sees them): what was granted is not offered again.
    const granted = this.granted.forOrder(orderNumber);
    try {
      const follow = new FollowUps(run, this.connectors);
      const firstShop = this.connectors.withCapability('order.byNumber').find((c) => c.system === 'oms');
      const { parts, known } = await this.phaseOne(run, orderNumber, 'bot', (c, value) => {
        const shopOnly =
          c === firstShop ? mergeOrder({ oms: value as Order, wms: [], payments: [], tracking: [] }) : null;
        if (shopOnly && verify(shopOnly)) follow.track(value.shipments);
      });
      if (!verify(known)) {
        const sources = run.ledger.statuses(this.connectors.all(), { orderNumber });
        this.metrics.answered('bot', sources);
        return { mismatch: true, sources };
      }
      follow.track(known.shipments);
      const { tracking } = await follow.results();
      const order = mergeOrder({ ...parts, tracking })!;
      const sources = run.ledger.statuses(this.connectors.all(), { orderNumber });
      this.metrics.answered('bot', sources);
      this.logger.debug({ orderNumber, calls: run.ledger.timeline() }, 'bot status: the calls it took');
      // The bot path asks no CRM: the shop's own customer tags (on the order) are what VIP rules read.
      const insights = await this.decided(
        order,
        null,
        [],
        await granted,
        this.insights.forOrder(order, sources),
      );
      return { order, insights, sources };
    } finally {
      run.deadline.dispose();
    }
  }

  /**
   * The playbooks' decisions for the situations the order shows by itself (docs/playbooks.md): the
   * same engine and facts as /v1/orders/{n}/remedies, so every channel decides alike.
   */
  private async decided(
    order: Order,
    customer: Customer | null,
    cases: SupportCase[],
    remedies: GrantedRemedy[] | null,
    insights: Insights,
  ): Promise<Insights> {
    const { decisions, errors } = await detectedDecisions(this.playbooks, {
      order,
      customer,
      cases,
      insights,
      remedies,
    });
    for (const e of errors) this.logger.warn(`playbook ${e.playbook}, rule ${e.rule}: ${e.error}`);
    return { ...insights, decisions };
  }

  /**
   * Every system that knows orders by number, merged; 404/503 when none knows it. `onAnswer` sees
   * each system's answer as it comes, so what depends on it can start before the slowest answers.
   */
  private async phaseOne(
    run: Fanout,
    orderNumber: string,
    endpoint: 'order' | 'bot',
    onAnswer?: (c: Connector, value: Order | OrderFragment) => void,
  ) {
    const asked = this.connectors.withCapability('order.byNumber');
    const found = await Promise.all(
      asked.map(async (c) => {
        const value = valueOf(await run.order(c, orderNumber));
        if (value) onAnswer?.(c, value);
        return { c, value };
      }),
    );
    const of = (system: Connector['system']) =>
      found.filter((f) => f.c.system === system && f.value).map((f) => f.value as OrderFragment);
    const parts = {
      oms: (found.find((f) => f.c.system === 'oms' && f.value)?.value as Order | undefined) ?? null,
      wms: of('wms'),
      payments: of('payments'),
      tracking: [],
    };
    const known = mergeOrder(parts);
    if (!known) {
      const sources = run.ledger.statuses(this.connectors.all(), { orderNumber });
      // A 404 or 503 is an answer too: a shop cut by the deadline shows in the metrics (docs/alerts.md).
      this.metrics.answered(endpoint, sources);
      throw this.noOrder(orderNumber, sources);
    }
    return { parts, known };
  }

  /**
   * The systems that know orders by number and did not answer this request live (failed, timed
   * out, skipped by an open circuit, or answered only from a last-good copy). While any did not,
   * "no such order" cannot be told (API contract in README: 404 vs 503).
   */
  unansweredOrderSources(sources: SourceStatus[]): SourceStatus[] {
    const orderSources = new Set(this.connectors.withCapability('order.byNumber').map((c) => c.id));
    return sources.filter(
      (s) => orderSources.has(s.connector) && s.status !== 'ok' && s.status !== 'not_found',
    );
  }

  /**
   * 404 only when every system that knows orders by number answered that it has no such order;
   * when one of them could not be asked we cannot tell (the order may exist only there, as ShipBob
   * orders placed outside the shop do), so 503 with what to do by hand.
   */
  private noOrder(orderNumber: string, sources: SourceStatus[]): HubException {
    const asked = this.connectors.withCapability('order.byNumber');
    const unanswered = this.unansweredOrderSources(sources);
    if (asked.length > 0 && unanswered.length === 0) {
      return new HubException(
        404,
        'order_not_found',
        'Order not found',
        `No system knows order ${orderNumber}: ${asked.map((c) => c.id).join(', ')} each said so.`,
        undefined,
        { sources },
      );
    }
    return new HubException(
      503,
      'sources_unavailable',
      'Sources unavailable',
      asked.length === 0
        ? 'No configured connector can look up orders.'
        : `Order ${orderNumber} is unknown to the systems that answered, and ${unanswered.map((s) => s.connector).join(', ')} ` +
            'could not be asked, so the hub cannot tell whether it exists; see sources[].fallback for what to do by hand.',
      undefined,
      { sources },
    );
  }
}

function sameEmail(a: string, b: string | undefined): boolean {
  return a.trim().toLowerCase() === b?.trim().toLowerCase();
}

/** When no system could give the full customer, the order's own customer block is still worth showing. */
function customerFromOrder(order: Order): Customer | null {
  const c = order.customer;
  if (!c?.id) return null;
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    phone: c.phone,
    tags: [],
    sources: order.sources.slice(0, 1).map((s) => ({ connector: s.connector, id: c.id! })),
  };
}
