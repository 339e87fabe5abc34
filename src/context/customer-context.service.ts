import { HubMetrics } from '../monitoring/hub-metrics';
import { GrantedRemedies, type GrantedRemedy } from '../actions/granted-remedies';
import { type Decision, PlaybookEngine } from '../playbooks/playbook.engine';
import { detectedDecisions } from '../playbooks/order-decisions';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type Customer, type Order, type OrderFragment, type SupportCase } from '../canonical';
import { mapLimit } from '../common/map-limit';
import { HubException } from '../common/problem';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { type Connector, type CustomerRef } from '../connectors/contract';
import { InsightsService } from '../insights/insights.service';
import { type CustomerContext, type SourceStatus } from './context.schemas';
import { type CustomerQuery } from './customer-query.schema';
import { type Fanout, valueOf } from './fanout';
import { FanoutFactory } from './fanout.factory';
import { FollowUps } from './follow-ups';
import { findCustomer, findPersonAndCases } from './lookups';
import { mergeCustomers } from './merge/customer.merge';
import { mergeOrder } from './merge/order.merge';

/** Systems asked about the person once the shop has said who they are. */
const OTHER_SYSTEMS = ['crm', 'payments', 'wms', 'shipping'] as const;

/** Calls one source makes at most at once while enriching a customer's orders. */
const PER_SOURCE_CONCURRENCY = 4;

/**
 * The customer read path: the person from every system, their cases, and their recent orders,
 * each completed by the warehouse, the payment provider and the carriers, within one deadline.
 */
@Injectable()
export class CustomerContextService {
  private readonly logger = new Logger(CustomerContextService.name);

  constructor(
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(InsightsService) private readonly insights: InsightsService,
    @Inject(FanoutFactory) private readonly fanouts: FanoutFactory,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
    @Inject(GrantedRemedies) private readonly granted: GrantedRemedies,
    @Inject(PlaybookEngine) private readonly playbooks: PlaybookEngine,
  ) {}

  /**
   * Who the person is, merged from every system that finds people, without their orders or cases:
   * the cheap question of a help desk's customer search (one call per system, one deadline).
   */
  async person(who: CustomerRef): Promise<Customer | null> {
    const run = this.fanouts.start();
    try {
      return await findCustomer(run, this.connectors, who);
    } finally {
      run.deadline.dispose();
    }
  }

  /**
   * Everyone the systems that search by name know by this whole name, one entry per system's
   * person (not merged: two people may share a name). A help desk's search by name alone.
   */
  async peopleNamed(name: string): Promise<Customer[]> {
    const run = this.fanouts.start();
    try {
      const searchable = this.connectors.withCapability('customers.byName');
      const found = await Promise.all(searchable.map((c) => run.customersNamed(c, name)));
      return found.flatMap((f) => valueOf(f) ?? []);
    } finally {
      run.deadline.dispose();
    }
  }

  async customerContext(query: CustomerQuery): Promise<CustomerContext> {
    const run = this.fanouts.start();
    // Every system is asked in one round or another: their budgets count ahead for the later ones.
    this.connectors.expectCalls(this.connectors.all());
    try {
      const asked = { email: query.email, phone: query.phone };
      // The shop is the identity anchor: who the person is there, and their orders. Each of its
      // answers starts what depends on it alone: the orders' other views and tracking, and
      // everyone else's lookups with the shop's email and phone too (a help desk may know only one).
      const shops = this.connectors.withCapability('orders.byCustomer');
      const lists = Promise.all(shops.map((c) => run.ordersOf(c, asked, query.limit)));
      const shopCustomer = findCustomer(run, this.connectors, asked, ['oms']);
      const completing = lists.then((all) =>
        this.complete(run, newestFirst(all.flatMap((l) => valueOf(l) ?? [])).slice(0, query.limit)),
      );
      const who = shopCustomer.then((shop) => ({
        email: asked.email ?? shop?.email,
        phone: asked.phone ?? shop?.phone,
      }));
      // Asked at once with what the caller gave; again with the shop's phone or email only where
      // no one was found (lookups.ts): a slow or hung shop delays none of it.
      const people = findPersonAndCases(run, this.connectors, asked, who, OTHER_SYSTEMS);
      // What was granted on the orders, read as soon as the orders are known, beside the people.
      // (Caught here: when the orders fail, the answer fails below, and this must not go unhandled.)
      const granted = completing
        .then((orders) => this.granted.forOrders(orders.map((o) => o.number)))
        .catch(() => null);
      const [shop, complete, { customer: elsewhere, cases, identity }] = await Promise.all([
        shopCustomer,
        completing,
        people,
      ]);
      const customer = mergeCustomers(
        [shop, elsewhere].filter((c): c is Customer => Boolean(c)),
        identity,
      );
      const sources = run.ledger.statuses(this.connectors.all(), asked);
      this.metrics.answered('customer', sources);
      // No personal data in logs: which sources took how long, not whom they were asked about.
      this.logger.debug({ calls: run.ledger.timeline() }, 'customer context: the calls it took');
      if (!customer && complete.length === 0) {
        const problem = this.noCustomer(sources);
        // Asked to: nobody known is an answer, not an error. A source that could not be asked stays a 503.
        if (problem.status !== 404 || query.notFound !== 'empty') throw problem;
      }
      const remedies = await granted;
      const decisions = await this.decisions(complete, customer, cases, remedies);
      return {
        customer,
        orders: complete,
        cases,
        insights: {
          ...this.insights.forCustomer(complete, sources),
          ...(decisions.length ? { decisions } : {}),
        },
        ...(remedies ? { remedies } : {}),
        sources,
        generatedAt: new Date().toISOString(),
      };
    } finally {
      run.deadline.dispose();
    }
  }

  /**
   * Each order completed with the WMS's and the payment provider's view and live tracking. The
   * parcels the shop named are tracked at once, and those a warehouse names as its answer arrives
   * (follow-ups.ts), not after every order's every view.
   */
  private async complete(run: Fanout, orders: Order[]): Promise<Order[]> {
    if (orders.length === 0) return [];
    const follow = new FollowUps(run, this.connectors);
    const others = this.connectors.withCapability('order.byNumber').filter((c) => c.system !== 'oms');
    // The other views go out first: a warehouse's answer may lead to more calls (its own parcel
    // tracking, the carriers for parcels the shop did not name), tracking leads to none.
    const viewing = Promise.all(
      others.map(async (c) => ({ system: c.system, byNumber: await this.viewsOf(run, c, orders, follow) })),
    );
    for (const o of orders) follow.track(o.shipments);
    const fragments = await viewing;
    const partsOf = (o: Order, i: number) => {
      const of = (system: string) =>
        fragments
          .filter((f) => f.system === system && f.byNumber[i])
          .map((f) => f.byNumber[i] as OrderFragment);
      return { oms: o, wms: of('wms'), payments: of('payments') };
    };
    const { tracking } = await follow.results();
    return orders.map((o, i) => mergeOrder({ ...partsOf(o, i), tracking })!);
  }

  /**
   * One system's view of each order (undefined where it has none): in one call when it can look
   * several orders up at once, else one call per order, a few at a time. Each view's parcels are
   * tracked as it comes.
   */
  private async viewsOf(
    run: Fanout,
    c: Connector,
    orders: Order[],
    follow: FollowUps,
  ): Promise<(OrderFragment | undefined)[]> {
    if (c.capabilities.includes('orders.byNumbers')) {
      const views =
        valueOf(
          await run.orders(
            c,
            orders.map((o) => o.number),
          ),
        ) ?? [];
      for (const v of views) follow.track(v.shipments);
      return orders.map((o) => views.find((v) => v.number === o.number));
    }
    return mapLimit(orders, PER_SOURCE_CONCURRENCY, async (o) => {
      const view = valueOf(await run.order(c, o.number));
      if (view) follow.track(view.shipments);
      return view;
    });
  }

  /**
   * Each order's decisions, as its own order context decides them (src/playbooks/order-decisions.ts),
   * marked with the order they are about.
   */
  private async decisions(
    orders: readonly Order[],
    customer: Customer | null,
    cases: readonly SupportCase[],
    remedies: GrantedRemedy[] | null,
  ): Promise<Decision[]> {
    const now = new Date();
    const each = await Promise.all(
      orders.map(async (order) => {
        const { decisions, errors } = await detectedDecisions(
          this.playbooks,
          {
            order,
            customer,
            cases,
            insights: this.insights.forOrder(order, [], now),
            remedies: remedies && remedies.filter((r) => r.orderNumber === order.number),
          },
          now,
        );
        for (const e of errors) this.logger.warn(`playbook ${e.playbook}, rule ${e.rule}: ${e.error}`);
        return decisions.map((d) => ({ ...d, orderNumber: order.number }));
      }),
    );
    return each.flat();
  }

  private noCustomer(sources: SourceStatus[]): HubException {
    // A skipped source with an error (circuit open) counts as asked and failed.
    const asked = sources.filter((s) => s.status !== 'skipped' || s.error);
    if (asked.length > 0 && asked.every((s) => s.status === 'not_found' || s.status === 'ok')) {
      return new HubException(
        404,
        'customer_not_found',
        'Customer not found',
        'No system knows this customer.',
        undefined,
        {
          sources,
        },
      );
    }
    return new HubException(
      503,
      'sources_unavailable',
      'Sources unavailable',
      'No source that knows customers could be asked; see sources[].fallback for what to do by hand.',
      undefined,
      { sources },
    );
  }
}

function newestFirst(orders: Order[]): Order[] {
  const seen = new Set<string>();
  return [...orders]
    .sort((a, b) => Date.parse(b.placedAt) - Date.parse(a.placedAt))
    .filter((o) => (seen.has(o.number) ? false : (seen.add(o.number), true)));
}
