import { Inject, Injectable } from '@nestjs/common';
import { type Customer, type Order, type OrderFragment } from '../canonical';
import { mapLimit } from '../common/map-limit';
import { HubException } from '../common/problem';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { InsightsService } from '../insights/insights.service';
import { type CustomerContext, type SourceStatus } from './context.schemas';
import { type CustomerQuery } from './customer-query.schema';
import { type Fanout, valueOf } from './fanout';
import { FanoutFactory } from './fanout.factory';
import { findCases, findCustomer, trackShipments } from './lookups';
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
  constructor(
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(InsightsService) private readonly insights: InsightsService,
    @Inject(FanoutFactory) private readonly fanouts: FanoutFactory,
  ) {}

  async customerContext(query: CustomerQuery): Promise<CustomerContext> {
    const run = this.fanouts.start();
    try {
      const asked = { email: query.email, phone: query.phone };
      // Phase 1: the shop is the identity anchor: who the person is there, and their orders.
      const shops = this.connectors.withCapability('orders.byCustomer');
      const [shopCustomer, lists] = await Promise.all([
        findCustomer(run, this.connectors, asked, ['oms']),
        Promise.all(shops.map((c) => run.ordersOf(c, asked, query.limit))),
      ]);
      // Phase 2: everyone else, with the shop's email and phone too (a help desk may know only one).
      const who = { email: asked.email ?? shopCustomer?.email, phone: asked.phone ?? shopCustomer?.phone };
      const others = OTHER_SYSTEMS;
      const orders = newestFirst(lists.flatMap((l) => valueOf(l) ?? [])).slice(0, query.limit);
      const [elsewhere, cases, complete] = await Promise.all([
        findCustomer(run, this.connectors, who, others),
        findCases(run, this.connectors, who),
        this.complete(run, orders),
      ]);
      const customer = mergeCustomers(
        [shopCustomer, elsewhere].filter((c): c is Customer => Boolean(c)),
        who,
      );
      const sources = run.ledger.statuses(this.connectors.all(), asked);
      if (!customer && complete.length === 0) throw this.noCustomer(sources);
      return {
        customer,
        orders: complete,
        cases,
        insights: this.insights.forCustomer(complete, sources),
        sources,
        generatedAt: new Date().toISOString(),
      };
    } finally {
      run.deadline.dispose();
    }
  }

  /** Each order completed with the WMS's and the payment provider's view and live tracking. */
  private async complete(run: Fanout, orders: Order[]): Promise<Order[]> {
    if (orders.length === 0) return [];
    const others = this.connectors.withCapability('order.byNumber').filter((c) => c.system !== 'oms');
    const fragments = await Promise.all(
      others.map(async (c) => ({
        system: c.system,
        byNumber: await mapLimit(orders, PER_SOURCE_CONCURRENCY, async (o) =>
          valueOf(await run.order(c, o.number)),
        ),
      })),
    );
    const partsOf = (o: Order, i: number) => {
      const of = (system: string) =>
        fragments
          .filter((f) => f.system === system && f.byNumber[i])
          .map((f) => f.byNumber[i] as OrderFragment);
      return { oms: o, wms: of('wms'), payments: of('payments') };
    };
    const first = orders.map((o, i) => mergeOrder({ ...partsOf(o, i), tracking: [] })!);
    const tracking = await trackShipments(
      run,
      this.connectors,
      first.flatMap((o) => o.shipments),
    );
    return orders.map((o, i) => mergeOrder({ ...partsOf(o, i), tracking })!);
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
