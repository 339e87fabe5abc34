import { type z } from 'zod';
import {
  type ActionFailure,
  type ActionRequest,
  type ActionResult,
  type CallOptions,
  type Connector,
  type ConnectorContext,
  ConnectorError,
  type LookupSubject,
  type ManualSteps,
  type VendorRecord,
  type WebhookVerifier,
} from '../../src/connectors/contract';
import { stripeWebhooks } from './stripe.webhook';
import { createStripeClient, type StripeClient } from './stripe.client';
import { toConnectorError } from './stripe.errors';
import { type StripeOptions } from './stripe.options';
import {
  customerListSchema,
  customerSearchSchema,
  disputeListSchema,
  type OrderRecord,
  paymentIntentListSchema,
  paymentIntentSearchSchema,
  type PaymentIntentPayload,
  refundListSchema,
} from './stripe.payloads';
import { StripeRefunds } from './stripe.refunds';
import { emailQuery, MAX_SEARCH_CLAUSES, orderNumberQuery } from './stripe.search';

/** More payments than this for one order is not a real order; the rest are left out (and logged). */
const SEARCH_LIMIT = 20;
const CUSTOMER_LIMIT = 10;
/** Stripe's maximum page size. */
const LIST_LIMIT = 100;
/**
 * One search returns each PaymentIntent with its latest charge and the charge's refunds (up to
 * 10, else `has_more`), so most orders cost one call. https://docs.stripe.com/expand
 */
const EXPAND = ['data.latest_charge', 'data.latest_charge.refunds'];

type List = { object: 'list'; data: never[]; has_more: boolean; url: string };
const emptyList = (url: string): List => ({ object: 'list', data: [], has_more: false, url });

/** Stripe: the payment provider. PaymentIntents carry the shop's order number in their metadata. */
export class StripeConnector implements Connector {
  readonly type = 'stripe';
  readonly system = 'payments' as const;
  readonly capabilities = ['order.byNumber', 'orders.byNumbers', 'customer.byEmail'] as const;
  readonly mappingContext: Readonly<Record<string, string>>;
  /** Refunds carry the action id as Stripe's Idempotency-Key. */
  readonly actions = { refund: 'keyed' } as const;
  private readonly client: StripeClient;
  private readonly refunds: StripeRefunds;

  /** Inbound webhooks (`POST /webhooks/{id}`), when `webhookSecret` is configured. */
  readonly webhooks?: WebhookVerifier;

  constructor(
    private readonly options: StripeOptions,
    private readonly context: ConnectorContext,
  ) {
    if (options.webhookSecret)
      this.webhooks = stripeWebhooks(options.webhookSecret, options.orderNumberMetadataKeys);
    this.client = createStripeClient(options);
    this.mappingContext = { connector: context.id, dashboardUrl: options.dashboardUrl };
    this.refunds = new StripeRefunds(this.client.stripe, options, (schema, callOptions, send) =>
      this.call(schema, callOptions, send),
    );
  }

  get id(): string {
    return this.context.id;
  }

  /**
   * The order's PaymentIntents, each with `refunds` and `disputes` lists attached, as
   * `{ orderNumber, payment_intents }`; null when no PaymentIntent carries the number.
   */
  async orderByNumber(number: string, options?: CallOptions): Promise<VendorRecord | null> {
    const wanted = number.trim();
    const keys = this.options.orderNumberMetadataKeys;
    const found = await this.searchIntents(wanted, SEARCH_LIMIT, options);
    if (!found) return null;
    // Only an exact metadata value is this order.
    const intents = found.data.filter((pi) => keys.some((key) => pi.metadata[key] === wanted));
    if (intents.length === 0) return null;
    this.refunds.remember(wanted, intents[0].id);
    if (found.has_more) {
      this.context.logger.warn('Stripe order has more PaymentIntents than one search page', {
        orderNumber: wanted,
        limit: SEARCH_LIMIT,
      });
    }
    return this.recordOf(wanted, intents, options);
  }

  /** The PaymentIntents naming any of `numbers` under any metadata key, charge and refunds expanded; null if none. */
  private searchIntents(numbers: string | string[], limit: number, options?: CallOptions) {
    return this.call(paymentIntentSearchSchema, options, () =>
      this.client.stripe.paymentIntents.search({
        query: orderNumberQuery(this.options.orderNumberMetadataKeys, numbers),
        limit,
        expand: EXPAND,
      }),
    ).catch(notFoundAs(null));
  }

  /** An order's record: its PaymentIntents, each with its refunds and disputes. */
  private async recordOf(
    orderNumber: string,
    intents: Parameters<StripeConnector['withRefundsAndDisputes']>[0][],
    options?: CallOptions,
  ): Promise<VendorRecord> {
    const payment_intents = await Promise.all(intents.map((pi) => this.withRefundsAndDisputes(pi, options)));
    // Typed by `payloads.order` (index.ts), the schema the mappings are checked against at boot.
    const payload: OrderRecord = { orderNumber, payment_intents };
    return { resource: 'order', payload };
  }

  /**
   * `orders.byNumbers`: several orders' PaymentIntents in one search (the OR of each number under
   * each metadata key, as many numbers as Stripe's 10 clauses allow), grouped by order; each record
   * as `orderByNumber` gives it. A customer's orders then cost one search, not one each, which is
   * what Stripe's search limit (20 a second, docs/budgets.md) can afford. A page that does not hold
   * them all falls back to one search per order of that group.
   */
  async ordersByNumbers(numbers: string[], options?: CallOptions): Promise<VendorRecord[]> {
    const keys = this.options.orderNumberMetadataKeys;
    const wanted = [...new Set(numbers.map((n) => n.trim()))];
    const perQuery = Math.max(1, Math.floor(MAX_SEARCH_CLAUSES / keys.length));
    const groups: string[][] = [];
    for (let i = 0; i < wanted.length; i += perQuery) groups.push(wanted.slice(i, i + perQuery));
    const found = await Promise.all(
      groups.map(async (group) => {
        const page = await this.searchIntents(group, LIST_LIMIT, options);
        if (page?.has_more) {
          const one = await Promise.all(group.map((n) => this.orderByNumber(n, options)));
          return one.filter((r): r is VendorRecord => r !== null);
        }
        return Promise.all(
          group.flatMap((n) => {
            // Only an exact metadata value is this order.
            const intents = (page?.data ?? []).filter((pi) => keys.some((key) => pi.metadata[key] === n));
            if (intents.length === 0) return [];
            this.refunds.remember(n, intents[0].id);
            return [this.recordOf(n, intents, options)];
          }),
        );
      }),
    );
    return found.flat();
  }

  /**
   * `GET /v1/customers?email=` matches exactly and case-sensitively, and Stripe keeps the email
   * as it was typed at checkout. So the normalized email is listed first (one strongly consistent
   * call in the common case), and only when that finds nobody the search API is asked
   * (`email:'…'`, which may lag writes by up to a minute); either way only customers whose
   * normalized email equals the one asked for are returned.
   */
  async customersByEmail(email: string, options?: CallOptions): Promise<VendorRecord[]> {
    const wanted = email.trim().toLowerCase();
    const same = (c: { email: string | null }) => c.email?.trim().toLowerCase() === wanted;
    const listed = await this.call(customerListSchema, options, () =>
      this.client.stripe.customers.list({ email: wanted, limit: CUSTOMER_LIMIT }),
    ).catch(notFoundAs(null));
    let matches = listed?.data.filter(same) ?? [];
    if (matches.length === 0) {
      const searched = await this.call(customerSearchSchema, options, () =>
        this.client.stripe.customers.search({ query: emailQuery(wanted), limit: CUSTOMER_LIMIT }),
      ).catch((error: unknown) => {
        // Search is not offered everywhere (e.g. accounts in India): the list's answer stands.
        if (error instanceof ConnectorError && error.code === 'bad_request') {
          this.context.logger.warn('Stripe customer search refused; using the exact list only', {
            message: error.message,
          });
          return undefined;
        }
        throw error;
      });
      matches = searched?.data.filter(same) ?? [];
    }
    return matches.map((payload) => ({ resource: 'customer', payload }));
  }

  /** Refunds only (stripe.refunds.ts); Stripe has no order to cancel or annotate. */
  async performAction(action: ActionRequest, options?: CallOptions): Promise<ActionResult> {
    if (action.type !== 'refund') {
      throw new ConnectorError('bad_request', `Stripe cannot perform a ${action.type} action`, {
        retryable: false,
      });
    }
    return this.refunds.refund(action, options);
  }

  manualAction(action: ActionRequest, failure?: ActionFailure): ManualSteps {
    return this.refunds.manual(action, failure);
  }

  manualCheck(action: ActionRequest): ManualSteps {
    return this.refunds.check(action);
  }

  manualLookup(subject: LookupSubject): { instructions: string; url?: string } {
    const dashboard = this.options.dashboardUrl;
    const search = (q: string) => `${dashboard}/search?query=${encodeURIComponent(q)}`;
    if (subject.orderNumber) {
      const [key] = this.options.orderNumberMetadataKeys;
      return {
        instructions:
          `Open the Stripe Dashboard and search for ${key}:${subject.orderNumber} (the order number is in ` +
          `the payment's metadata: ${this.options.orderNumberMetadataKeys.join(' or ')}); open each payment ` +
          'for its status, refunds and disputes.',
        url: search(`${key}:${subject.orderNumber}`),
      };
    }
    const who = subject.email ?? subject.phone;
    if (who) {
      return {
        instructions: `Open the Stripe Dashboard → Customers and search for ${who}; the customer page lists their payments.`,
        url: search(who),
      };
    }
    const [key] = this.options.orderNumberMetadataKeys;
    return {
      instructions:
        `For an order, search the Stripe Dashboard for ${key}:<order number> (the order number is in the ` +
        `payment's metadata: ${this.options.orderNumberMetadataKeys.join(' or ')}) and open each payment for its ` +
        'status, refunds and disputes. For a customer, open the Stripe Dashboard → Customers and search for ' +
        'their email; the customer page lists their payments.',
      url: `${dashboard}/payments`,
    };
  }

  async healthCheck(options?: CallOptions): Promise<void> {
    await this.call(paymentIntentListSchema, options, () =>
      this.client.stripe.paymentIntents.list({ limit: 1 }),
    );
  }

  async close(): Promise<void> {
    this.client.agent.destroy();
  }

  /**
   * Attaches `refunds` and `disputes` (Stripe list objects) to a PaymentIntent. Refunds come from
   * the expanded charge unless it has more than fit; disputes are listed only for a disputed charge.
   */
  private async withRefundsAndDisputes(pi: PaymentIntentPayload, options: CallOptions | undefined) {
    const charge = typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
    const expanded = charge?.refunds;
    const needRefunds = charge !== null && (expanded ? expanded.has_more : charge.amount_refunded > 0);
    const [refunds, disputes] = await Promise.all([
      needRefunds
        ? this.call(refundListSchema, options, () =>
            this.client.stripe.refunds.list({ payment_intent: pi.id, limit: LIST_LIMIT }),
          )
        : (expanded ?? emptyList('/v1/refunds')),
      charge?.disputed
        ? this.call(disputeListSchema, options, () =>
            this.client.stripe.disputes.list({ payment_intent: pi.id, limit: LIST_LIMIT }),
          )
        : emptyList('/v1/disputes'),
    ]);
    return { ...pi, refunds, disputes };
  }

  /** One SDK call: the request's deadline applies, errors become ConnectorErrors, the reply is validated. */
  private async call<S extends z.ZodType>(
    schema: S,
    options: CallOptions | undefined,
    send: () => Promise<unknown>,
  ): Promise<z.infer<S>> {
    // Replies of the Search API are the calls Stripe counts against its separate search limit.
    const search = SEARCH_REPLIES.has(schema);
    await this.context.budget?.take({ kind: search ? 'search' : undefined, signal: options?.signal });
    let reply: unknown;
    try {
      reply = await withDeadline(send, this.options.timeoutMs, options?.signal);
    } catch (error) {
      throw toConnectorError(error);
    }
    const parsed = schema.safeParse(reply);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConnectorError(
        'invalid_response',
        `Stripe reply: ${issue.path.join('.') || '(body)'}: ${issue.message}`,
      );
    }
    return parsed.data;
  }
}

const SEARCH_REPLIES: ReadonlySet<z.ZodType> = new Set([paymentIntentSearchSchema, customerSearchSchema]);

function notFoundAs<T>(value: T) {
  return (error: unknown): T => {
    if (error instanceof ConnectorError && error.code === 'not_found') return value;
    throw error;
  };
}

/**
 * Bounds one SDK call by `timeoutMs` in total and by the request's deadline. The SDK's own
 * `timeout` is a socket idle timeout (a slow trickle never trips it) and it takes no AbortSignal;
 * on either limit the call is rejected here and the socket is left to the SDK's timeout.
 */
function withDeadline<T>(send: () => Promise<T>, timeoutMs: number, signal?: AbortSignal): Promise<T> {
  const cancelled = () => new ConnectorError('timeout', 'Stripe call cancelled: the request deadline passed');
  if (signal?.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    // Whichever comes first settles the call and disarms the others.
    const settle = (done: () => void) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      done();
    };
    const onAbort = () => settle(() => reject(cancelled()));
    const timer = setTimeout(
      () =>
        settle(() => reject(new ConnectorError('timeout', `Stripe did not answer within ${timeoutMs} ms`))),
      timeoutMs,
    );
    signal?.addEventListener('abort', onAbort, { once: true });
    // Through a microtask, so an SDK call that throws at once also settles here.
    Promise.resolve()
      .then(send)
      .then(
        (value) => settle(() => resolve(value)),
        (error: unknown) => settle(() => reject(error)),
      );
  });
}
