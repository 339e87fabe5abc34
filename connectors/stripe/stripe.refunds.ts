import type Stripe from 'stripe';
import { type z } from 'zod';
import {
  type ActionFailure,
  type ActionRequest,
  type ActionResult,
  type CallOptions,
  ConnectorError,
  type ManualSteps,
} from '../../src/connectors/contract';
import { fromMinorUnits, toMinorUnits } from './stripe.amounts';
import { type StripeOptions } from './stripe.options';
import { type PaymentIntentPayload, paymentIntentSearchSchema, refundSchema } from './stripe.payloads';
import { orderNumberQuery } from './stripe.search';

/** The connector's one SDK call (deadline, error codes, reply validation). */
export type StripeCall = <S extends z.ZodType>(
  schema: S,
  options: CallOptions | undefined,
  send: () => Promise<unknown>,
) => Promise<z.infer<S>>;

type RefundAction = Extract<ActionRequest, { type: 'refund' }>;

/** The reasons Stripe's API takes; any other text goes into the refund's metadata. */
const STRIPE_REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);
const REASON_LABEL: Record<string, string> = {
  duplicate: 'Duplicate',
  fraudulent: 'Fraudulent',
  requested_by_customer: 'Requested by customer',
};
interface RefundTexts {
  /** "Open the payment in the Stripe Dashboard (search for order_number:1001)" */
  open: string;
  query: string;
  keys: string;
  orderNumber: string;
  money: string;
  reason: string;
  actionId: string;
}

/**
 * A refund by hand, by what the person has to do first. Stripe knows payments, not orders: the
 * order number is in the payment's metadata, and every path leads to the payment.
 */
const REFUND_STEPS: Record<'refund' | 'refused' | 'notFound' | 'check', (t: RefundTexts) => string> = {
  refund: (t) =>
    `${t.open} and click Refund. Refund ${t.money}, reason "${t.reason}", then click Refund. ` +
    'If the payment already shows this refund, there is nothing to do.',
  refused: (t) =>
    `Stripe refused this refund (see what failed). ${t.open} and check why before refunding by hand: the ` +
    'payment page shows how much is left to refund and any dispute (a disputed payment is settled through ' +
    'the dispute, not refunded). If it should still be refunded, do as follows.',
  notFound: (t) =>
    `Stripe found no payment for order #${t.orderNumber} (no payment has it in its metadata as ${t.keys}). ` +
    `In the Stripe Dashboard search for ${t.query}, then in Payments for the customer's email and ` +
    `the amount; if there is no such payment, the order was not paid through Stripe: resolve this task as ` +
    '"cancelled". If you find it, do as follows on that payment.',
  check: (t) =>
    `${t.open}: the refund happened if its Refunds list a refund of ${t.money} whose metadata has ` +
    `hub_action_id ${t.actionId}.`,
};

/** What a person does first, by what Stripe said; other failures need nothing first. */
const BEFORE_REFUND: Partial<Record<string, (t: RefundTexts) => string>> = {
  not_found: REFUND_STEPS.notFound,
  rejected: REFUND_STEPS.refused,
};

/** As orderByNumber: each PaymentIntent with its charge and the charge's refunds (up to 10). */
const EXPAND = ['data.latest_charge', 'data.latest_charge.refunds'];
const SEARCH_LIMIT = 20;
/** Remembered PaymentIntent ids are a convenience for deep links; this many is plenty. */
const REMEMBERED = 1_000;

/**
 * Refunds through `POST /v1/refunds` with `Idempotency-Key: <action id>`: Stripe creates the
 * refund once however often the key is sent (keys are kept at least 24 hours), so the write is
 * `keyed`. The refund also carries `metadata.hub_action_id`, which finds it after the key expired.
 * https://docs.stripe.com/api/refunds/create, https://docs.stripe.com/api/idempotent_requests
 */
export class StripeRefunds {
  /** Order number → the PaymentIntent last seen for it, for deep links without IO. */
  private readonly payments = new Map<string, string>();

  constructor(
    private readonly stripe: Stripe,
    private readonly options: StripeOptions,
    private readonly call: StripeCall,
  ) {}

  async refund(action: RefundAction, options?: CallOptions): Promise<ActionResult> {
    const orderNumber = action.orderNumber.trim();
    const { amount, currency, reason } = action.params;
    const minor = toMinorUnits(amount, currency);
    const intents = await this.intents(orderNumber, options);
    const landed = findRefund(intents, action.id);
    if (landed) {
      this.remember(orderNumber, landed.pi.id);
      return {
        externalId: landed.refund.id,
        url: this.paymentUrl(landed.pi.id),
        summary: `Stripe already has this refund on payment ${landed.pi.id} (${fromMinorUnits(landed.refund.amount, landed.refund.currency)}).`,
      };
    }
    const pi = choosePayment(intents, currency, minor, orderNumber);
    this.remember(orderNumber, pi.id);
    const text = reason?.trim();
    const stripeReason = text && STRIPE_REASONS.has(text) ? text : undefined;
    const refund = await this.call(refundSchema, options, () =>
      this.stripe.refunds.create(
        {
          payment_intent: pi.id,
          amount: minor,
          ...(stripeReason ? { reason: stripeReason as Stripe.RefundCreateParams.Reason } : {}),
          metadata: {
            hub_action_id: action.id,
            ...(text && !stripeReason ? { hub_reason: text.slice(0, 500) } : {}),
          },
        },
        { idempotencyKey: action.id },
      ),
    );
    if (refund.status === 'failed' || refund.status === 'canceled') {
      throw new ConnectorError('rejected', `Stripe refund ${refund.id} on payment ${pi.id} ${refund.status}`);
    }
    return {
      externalId: refund.id,
      url: this.paymentUrl(pi.id),
      summary: `Stripe refunded ${fromMinorUnits(refund.amount, refund.currency)} on payment ${pi.id} (${refund.status}).`,
    };
  }

  /** Steps to refund by hand (REFUND_STEPS), starting from what Stripe said when there was a failure. */
  manual(action: ActionRequest, failure?: ActionFailure): ManualSteps {
    const where = this.where(action.orderNumber);
    if (action.type !== 'refund') {
      return {
        instructions: `Stripe keeps payments, not orders, so it cannot ${action.type} one: do it in the shop's order system.`,
        url: where.url,
      };
    }
    const first = failure ? BEFORE_REFUND[failure.code] : undefined;
    // Stripe found no payment by the order number: the person finds it another way, then opens that one.
    const t = this.texts(action, where, failure?.code === 'not_found');
    return { instructions: [first?.(t), REFUND_STEPS.refund(t)].filter(Boolean).join(' '), url: where.url };
  }

  /** Where a person sees whether the refund already happened: the payment's refunds, by `hub_action_id`. */
  check(action: ActionRequest): ManualSteps {
    const where = this.where(action.orderNumber);
    if (action.type !== 'refund') return this.manual(action);
    return { instructions: REFUND_STEPS.check(this.texts(action, where)), url: where.url };
  }

  private where(orderNumber: string): { query: string; known?: string; url: string } {
    const [key] = this.options.orderNumberMetadataKeys;
    const query = `${key}:${orderNumber}`;
    const known = this.payments.get(orderNumber);
    const url = known
      ? this.paymentUrl(known)
      : `${this.options.dashboardUrl}/search?query=${encodeURIComponent(query)}`;
    return { query, known, url };
  }

  private texts(
    action: RefundAction,
    where: { query: string; known?: string },
    foundByHand = false,
  ): RefundTexts {
    const { amount, currency, reason } = action.params;
    const text = reason?.trim();
    return {
      open: foundByHand
        ? 'Open that payment in the Stripe Dashboard'
        : where.known
          ? 'Open the payment in the Stripe Dashboard'
          : `Open the payment in the Stripe Dashboard (search for ${where.query})`,
      query: where.query,
      keys: this.options.orderNumberMetadataKeys.join(' or '),
      orderNumber: action.orderNumber,
      money: `${amount} ${currency.toUpperCase()}`,
      reason: text ? (REASON_LABEL[text] ?? `Other ("${text}")`) : 'Requested by customer',
      actionId: action.id,
    };
  }

  /** Keeps the PaymentIntent seen for an order (by orderByNumber or a refund) for deep links. */
  remember(orderNumber: string, paymentIntentId: string): void {
    this.payments.delete(orderNumber);
    this.payments.set(orderNumber, paymentIntentId);
    if (this.payments.size > REMEMBERED) this.payments.delete(this.payments.keys().next().value!);
  }

  private paymentUrl(paymentIntentId: string): string {
    return `${this.options.dashboardUrl}/payments/${paymentIntentId}`;
  }

  /** The order's PaymentIntents, found as orderByNumber finds them (exact metadata value). */
  private async intents(orderNumber: string, options?: CallOptions): Promise<PaymentIntentPayload[]> {
    const keys = this.options.orderNumberMetadataKeys;
    const found = await this.call(paymentIntentSearchSchema, options, () =>
      this.stripe.paymentIntents.search({
        query: orderNumberQuery(keys, orderNumber),
        limit: SEARCH_LIMIT,
        expand: EXPAND,
      }),
    );
    const intents = found.data.filter((pi) => keys.some((key) => pi.metadata[key] === orderNumber));
    if (!intents.length)
      throw new ConnectorError('not_found', `Stripe has no payment for order ${orderNumber}`);
    return intents;
  }
}

/** A refund this action already created (its metadata names the action). */
function findRefund(intents: PaymentIntentPayload[], actionId: string) {
  for (const pi of intents) {
    const charge = typeof pi.latest_charge === 'object' ? pi.latest_charge : null;
    const refund = charge?.refunds?.data.find((r) => r.metadata?.hub_action_id === actionId);
    if (refund) return { pi, refund };
  }
  return undefined;
}

/**
 * The payment to refund: in the refund's currency, the first with enough left, else the one with
 * the most left (for Stripe to refuse in its own words, e.g. amount_too_large). Left = received −
 * refunded on its charge.
 */
function choosePayment(
  intents: PaymentIntentPayload[],
  currency: string,
  minor: number,
  orderNumber: string,
): PaymentIntentPayload {
  const wanted = currency.toLowerCase();
  const same = intents.filter((pi) => pi.currency === wanted);
  if (!same.length) {
    const paid = [...new Set(intents.map((pi) => pi.currency.toUpperCase()))].join(', ');
    throw new ConnectorError(
      'rejected',
      `Order ${orderNumber} was paid in ${paid} through Stripe; it cannot be refunded in ${currency.toUpperCase()}`,
    );
  }
  const left = (pi: PaymentIntentPayload) =>
    pi.amount_received -
    (typeof pi.latest_charge === 'object' ? (pi.latest_charge?.amount_refunded ?? 0) : 0);
  const enough = same.find((pi) => left(pi) >= minor);
  if (enough) return enough;
  const most = same.reduce((best, pi) => (left(pi) > left(best) ? pi : best));
  if (left(most) > 0) return most;
  throw new ConnectorError(
    'rejected',
    same.some((pi) => pi.amount_received > 0)
      ? `Order ${orderNumber} is already refunded in full in Stripe`
      : `Order ${orderNumber} has no captured payment in Stripe to refund (an authorization is cancelled, not refunded)`,
  );
}
