import type Shopify from 'shopify-api-node';
import { type z } from 'zod';
import {
  type ActionFailure,
  type ActionRequest,
  type ActionResult,
  type ActionType,
  type CallOptions,
  type Connector,
  type ConnectorContext,
  ConnectorError,
  type CustomerRef,
  type LookupSubject,
  type ManualSteps,
  phoneKey,
  samePhone,
  type VendorRecord,
  type WriteSafety,
  type WebhookVerifier,
} from '../../src/connectors/contract';
import { shopifyWebhooks } from './shopify.webhook';
import { ShopifyActions } from './shopify.actions';
import { lookupSteps } from './shopify.manual-actions';
import { createShopifyClient, destroyAgents } from './shopify.client';
import { toConnectorError } from './shopify.errors';
import { type ShopifyOptions } from './shopify.options';
import {
  costSchema,
  customersReplySchema,
  ordersReplySchema,
  type ShopifyCustomer,
  type ShopifyOrder,
  shopReplySchema,
} from './shopify.payloads';
import {
  CUSTOMERS_BY_EMAIL,
  CUSTOMERS_BY_NAME,
  CUSTOMERS_BY_PHONE,
  HEALTH,
  ORDER_BY_NAME,
  ORDERS_BY_CUSTOMER,
} from './shopify.queries';
import { quote } from './shopify.search';
import { ShopifyThrottle } from './shopify.throttle';

/** Shopify Admin GraphQL: the order management system. */
export class ShopifyConnector implements Connector {
  readonly type = 'shopify';
  readonly system = 'oms' as const;
  readonly capabilities = [
    'order.byNumber',
    'orders.byCustomer',
    'customer.byEmail',
    'customer.byPhone',
    'customers.byName',
  ] as const;
  readonly mappingContext: Readonly<Record<string, string>>;
  readonly throttle = new ShopifyThrottle();
  /** cancel and note: natural; refund: keyed from API version 2026-01 (`@idempotent`), else natural. */
  readonly actions: Readonly<Partial<Record<ActionType, WriteSafety>>>;
  private readonly client: Shopify;
  private readonly writes: ShopifyActions;

  /** Inbound webhooks (`POST /webhooks/{id}`), when `webhookSecret` is configured. */
  readonly webhooks?: WebhookVerifier;

  constructor(
    private readonly options: ShopifyOptions,
    private readonly context: ConnectorContext,
  ) {
    if (options.webhookSecret)
      this.webhooks = shopifyWebhooks(options.webhookSecret, options.orderNamePrefix);
    this.client = createShopifyClient(options);
    const store = options.shop.replace(/\.myshopify\.com$/, '');
    const adminUrl = `https://admin.shopify.com/store/${store}`;
    this.mappingContext = { connector: context.id, adminUrl };
    this.writes = new ShopifyActions(
      (operation, document, variables, schema, callOptions) =>
        this.query(operation, document, variables, schema, callOptions),
      { orderNamePrefix: options.orderNamePrefix, apiVersion: options.apiVersion, adminUrl },
    );
    this.actions = this.writes.safety;
  }

  get id(): string {
    return this.context.id;
  }

  async orderByNumber(number: string, options?: CallOptions): Promise<VendorRecord | null> {
    const name = `${this.options.orderNamePrefix}${number}`;
    const data = await this.query(
      'OrderByName',
      ORDER_BY_NAME,
      { query: `name:${quote(name)}` },
      ordersReplySchema,
      options,
    );
    // Shopify's search matches loosely; only the exact name is this order.
    const order = data.orders.nodes.find((o) => o.name === name);
    if (order) this.writes.remember(name, order.legacyResourceId ?? undefined);
    return order ? { resource: 'order', payload: order } : null;
  }

  /** Cancel, refund or note (shopify.actions.ts). */
  performAction(action: ActionRequest, options?: CallOptions): Promise<ActionResult> {
    return this.writes.perform(action, options);
  }

  manualAction(action: ActionRequest, failure?: ActionFailure): ManualSteps {
    return this.writes.manual(action, failure);
  }

  manualCheck(action: ActionRequest): ManualSteps {
    return this.writes.check(action);
  }

  async customersByEmail(email: string, options?: CallOptions): Promise<VendorRecord[]> {
    const wanted = email.trim().toLowerCase();
    const data = await this.query(
      'CustomersByEmail',
      CUSTOMERS_BY_EMAIL,
      { query: `email:${quote(wanted)}` },
      customersReplySchema,
      options,
    );
    return data.customers.nodes
      .filter((c) => c.email?.trim().toLowerCase() === wanted)
      .map((payload) => ({ resource: 'customer', payload }));
  }

  /** Newest first. By email when known; otherwise through the customers with that phone. */
  async ordersByCustomer(
    customer: CustomerRef,
    limit: number,
    options?: CallOptions,
  ): Promise<VendorRecord[]> {
    let query: string;
    if (customer.email) query = `email:${quote(customer.email.trim().toLowerCase())}`;
    else if (customer.phone) {
      const people = await this.customersByPhone(customer.phone, options);
      const ids = people.map((p) => (p.payload as ShopifyCustomer).legacyResourceId).filter(Boolean);
      if (ids.length === 0) return [];
      query = ids.map((id) => `customer_id:${id}`).join(' OR ');
    } else return [];
    const first = Math.max(1, Math.min(limit, 50));
    const data = await this.query(
      'OrdersByCustomer',
      ORDERS_BY_CUSTOMER,
      { query, first },
      ordersReplySchema,
      options,
    );
    // Shopify's search matches loosely; only orders of exactly this person are theirs.
    const email = customer.email?.trim().toLowerCase();
    const mine = (o: ShopifyOrder) => {
      if (!email) return true; // found through the customer ids that have this phone
      const own = o.email?.trim().toLowerCase();
      const account = o.customer?.email?.trim().toLowerCase();
      return own === email || account === email;
    };
    return data.orders.nodes.filter(mine).map((payload) => ({ resource: 'order', payload }));
  }

  async customersByPhone(phone: string, options?: CallOptions): Promise<VendorRecord[]> {
    if (!phoneKey(phone)) return [];
    const data = await this.query(
      'CustomersByPhone',
      CUSTOMERS_BY_PHONE,
      { query: `phone:${quote(phone.trim())}` },
      customersReplySchema,
      options,
    );
    return data.customers.nodes
      .filter((c) => samePhone(c.phone, phone, this.context.phoneRegion))
      .map((payload) => ({ resource: 'customer', payload }));
  }

  /**
   * People named `name`: two words as Shopify's `first_name:` and `last_name:` terms, anything else
   * as free text; then only whole-name matches (Shopify's search matches loosely, so a page of 25).
   */
  async customersByName(name: string, options?: CallOptions): Promise<VendorRecord[]> {
    const words = name.trim().split(/\s+/).filter(Boolean);
    if (words.length === 0) return [];
    // Two words split one way only; three or more could split anywhere ("Mary Ann Smith"), so the
    // whole name goes as free text and the exact match below decides.
    const query =
      words.length === 2
        ? `first_name:${quote(words[0])} last_name:${quote(words[1])}`
        : quote(words.join(' '));
    const data = await this.query(
      'CustomersByName',
      CUSTOMERS_BY_NAME,
      { query },
      customersReplySchema,
      options,
    );
    const wanted = words.join(' ').toLowerCase();
    const same = (v: string | null | undefined) =>
      (v ?? '').trim().split(/\s+/).join(' ').toLowerCase() === wanted;
    return data.customers.nodes
      .filter(
        (c) =>
          same(c.displayName) ||
          same(`${c.firstName ?? ''} ${c.lastName ?? ''}`) ||
          (words.length === 1 && (same(c.firstName) || same(c.lastName))),
      )
      .map((payload) => ({ resource: 'customer', payload }));
  }

  manualLookup(subject: LookupSubject): ManualSteps {
    const admin = this.mappingContext.adminUrl;
    const instructions = lookupSteps(this.options.orderNamePrefix, subject);
    const who = subject.email ?? subject.phone;
    if (subject.orderNumber) {
      const name = `${this.options.orderNamePrefix}${subject.orderNumber}`;
      return { instructions, url: `${admin}/orders?query=${encodeURIComponent(name)}` };
    }
    if (who) return { instructions, url: `${admin}/customers?query=${encodeURIComponent(who)}` };
    return { instructions, url: `${admin}/orders` };
  }

  async healthCheck(options?: CallOptions): Promise<void> {
    await this.query('HubHealthCheck', HEALTH, {}, shopReplySchema, options);
  }

  async close(): Promise<void> {
    destroyAgents(this.client);
  }

  private async query<S extends z.ZodType>(
    operation: string,
    document: string,
    variables: Record<string, unknown>,
    schema: S,
    options: CallOptions | undefined,
    retriedThrottle = false,
  ): Promise<z.infer<S>> {
    // The hub's shared budget (every process) in cost points, then this process's view of the bucket.
    await this.context.budget?.take({ cost: this.throttle.expectedCost(operation), signal: options?.signal });
    await this.waitForBucket(operation, options);
    let data: unknown;
    try {
      data = await this.client.graphql(document, variables);
    } catch (error) {
      const err = toConnectorError(error);
      this.observeCost(operation, error);
      const wait = err.retryAfterMs ?? Infinity;
      if (err.code === 'rate_limited' && !retriedThrottle && wait <= this.options.maxThrottleWaitMs) {
        await sleep(wait, options?.signal);
        return this.query(operation, document, variables, schema, options, true);
      }
      throw err;
    }
    const cost = this.client.callGraphqlLimits;
    if (cost.remaining !== undefined && cost.restoreRate !== undefined && cost.max !== undefined) {
      this.throttle.observe(operation, {
        requestedQueryCost: cost.requestedQueryCost ?? 1,
        throttleStatus: {
          currentlyAvailable: cost.remaining,
          maximumAvailable: cost.max,
          restoreRate: cost.restoreRate,
        },
      });
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConnectorError(
        'invalid_response',
        `Shopify ${operation} reply: ${issue.path.join('.')}: ${issue.message}`,
      );
    }
    return parsed.data;
  }

  private async waitForBucket(operation: string, options: CallOptions | undefined): Promise<void> {
    const wait = this.throttle.waitMs(operation);
    if (wait === 0) return;
    if (wait > this.options.maxThrottleWaitMs) {
      throw new ConnectorError('rate_limited', 'Shopify GraphQL cost bucket would be empty', {
        retryAfterMs: wait,
      });
    }
    this.context.logger.debug('waiting for Shopify cost bucket', { operation, wait });
    await sleep(wait, options?.signal);
  }

  private observeCost(operation: string, error: unknown): void {
    const body = (error as { response?: { body?: { extensions?: { cost?: unknown } } } })?.response?.body;
    const cost = costSchema.safeParse(body?.extensions?.cost);
    if (cost.success) this.throttle.observe(operation, cost.data);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new ConnectorError('timeout', 'request deadline passed'));
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(new ConnectorError('timeout', 'request deadline passed'));
      },
      { once: true },
    );
  });
}
