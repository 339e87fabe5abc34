import { Inject, Injectable } from '@nestjs/common';
import { type Customer, type Order } from '../canonical';
import { HUB_CONFIG } from '../config/config.tokens';
import { type HubConfig } from '../config/config.schema';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { type Connector } from '../connectors/contract';
import { HubException } from '../common/problem';
import { InsightsService } from '../insights/insights.service';
import { MappingRegistry } from '../mapping/mapping.registry';
import { type OrderContext, type SourceStatus } from './context.schemas';
import { Deadline } from './deadline';
import { type CallOutcome } from './source-call';
import { SourceCaller } from './source-caller';
import { sourceStatus } from './source-status';

/**
 * The read path (ARCHITECTURE.md): plan which connectors can answer, ask them in parallel within
 * one deadline, map their payloads to canonical data, merge, and derive insights.
 */
@Injectable()
export class ContextService {
  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(MappingRegistry) private readonly mappings: MappingRegistry,
    @Inject(InsightsService) private readonly insights: InsightsService,
    @Inject(SourceCaller) private readonly sourceCaller: SourceCaller,
  ) {}

  async orderContext(orderNumber: string): Promise<OrderContext> {
    const deadline = new Deadline(this.config.context.deadlineMs);
    try {
      const subject = { orderNumber };
      const orderSources = this.connectors.withCapability('order.byNumber');
      const orderCalls = await Promise.all(
        orderSources.map((c) =>
          this.sourceCaller.ask(c, 'order', orderNumber, deadline, (signal) =>
            this.fetchOrder(c, orderNumber, signal),
          ),
        ),
      );
      const outcomes = new Map<Connector, CallOutcome<unknown>>(
        orderSources.map((c, i) => [c, orderCalls[i]]),
      );
      const order = pickOrder(orderCalls);

      const email = order?.customer?.email;
      const customerSources = email ? this.connectors.withCapability('customer.byEmail') : [];
      const customerCalls = await Promise.all(
        customerSources.map((c) =>
          this.sourceCaller.ask(c, 'customer', email!, deadline, (signal) =>
            this.fetchCustomer(c, email!, signal),
          ),
        ),
      );
      const sources = this.connectors.all().map((c) => {
        const primary = sourceStatus(
          c,
          outcomes.get(c) ?? customerCalls[customerSources.indexOf(c)],
          subject,
        );
        const secondary = outcomes.has(c) ? customerCalls[customerSources.indexOf(c)] : undefined;
        // A failed follow-up call (customer lookup) is reported without hiding the data we did get.
        if ((secondary?.kind === 'failed' || secondary?.kind === 'stale') && primary.status === 'ok') {
          return {
            ...primary,
            error: { code: secondary.error.code, message: `customer lookup: ${secondary.error.message}` },
          };
        }
        return primary;
      });

      if (!order) throw this.noOrder(orderNumber, sources);
      const customer = pickCustomer(customerCalls) ?? customerFromOrder(order);
      return {
        order,
        customer,
        cases: [],
        insights: this.insights.forOrder(order, sources),
        sources,
        generatedAt: new Date().toISOString(),
      };
    } finally {
      deadline.dispose();
    }
  }

  private async fetchOrder(
    connector: Connector,
    orderNumber: string,
    signal: AbortSignal,
  ): Promise<Order | null> {
    const record = await connector.orderByNumber!(orderNumber, { signal });
    if (!record) return null;
    return this.mappings.map<Order>(
      connector.type,
      record.resource,
      record.payload,
      connector.mappingContext,
    );
  }

  private async fetchCustomer(
    connector: Connector,
    email: string,
    signal: AbortSignal,
  ): Promise<Customer | null> {
    const records = await connector.customersByEmail!(email, { signal });
    if (records.length === 0) return null;
    return this.mappings.map<Customer>(
      connector.type,
      records[0].resource,
      records[0].payload,
      connector.mappingContext,
    );
  }

  /**
   * 404 only when a source that would know the order said it does not exist and no order source
   * failed; otherwise we cannot tell, so 503 with the sources (API.md).
   */
  private noOrder(orderNumber: string, sources: SourceStatus[]): HubException {
    const orderSources = new Set(this.connectors.withCapability('order.byNumber').map((c) => c.id));
    const asked = sources.filter((s) => orderSources.has(s.connector));
    const failed = asked.filter((s) => s.status === 'unavailable');
    if (asked.length > 0 && failed.length === 0) {
      return new HubException(
        404,
        'order_not_found',
        'Order not found',
        `No system knows order ${orderNumber}.`,
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
      asked.length === 0
        ? 'No configured connector can look up orders.'
        : `No source could be asked about order ${orderNumber}; see sources[].fallback for what to do by hand.`,
      undefined,
      { sources },
    );
  }
}

/** A fresh answer beats a last-good copy. */
function pick<T>(calls: CallOutcome<unknown>[]): T | null {
  for (const kind of ['ok', 'stale'] as const) {
    for (const c of calls) if (c.kind === kind) return c.value as T;
  }
  return null;
}
const pickOrder = (calls: CallOutcome<unknown>[]) => pick<Order>(calls);
const pickCustomer = (calls: CallOutcome<unknown>[]) => pick<Customer>(calls);

/** When no system could give the full customer, the order's own customer block is still worth showing. */
function customerFromOrder(order: Order): Customer | null {
  const c = order.customer;
  if (!c?.id) return null;
  return {
    id: c.id,
    email: c.email,
    name: c.name,
    tags: [],
    sources: order.sources.map((s) => ({ connector: s.connector, id: c.id! })),
  };
}
