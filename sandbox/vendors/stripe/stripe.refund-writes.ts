import { type WriteLedger } from '../../writes/write.ledger';
import { json, type VendorReply, type VendorRequest } from '../vendor.adapter';
import { refundObject } from './stripe.after-sale.view';
import { expandObject } from './stripe.expand';
import { fingerprint, FormError, parseForm, type StripeForm } from './stripe.form';
import { stripeId } from './stripe.ids';
import { type StripeObject } from './stripe.payments.view';
import { invalidRequest, resourceMissing, stripeError } from './stripe.replies';
import { type StripeView } from './stripe.view';

const PARAMS = ['payment_intent', 'charge', 'amount', 'reason'];
const REASONS = new Set(['duplicate', 'fraudulent', 'requested_by_customer']);
/** A dispute in these states blocks refunds of its charge. */
const OPEN_DISPUTE = new Set([
  'needs_response',
  'under_review',
  'warning_needs_response',
  'warning_under_review',
]);

/**
 * `POST /v1/refunds`: refunds a PaymentIntent's (or a charge's) captured money, by default all
 * that is left. Honours `Idempotency-Key` as Stripe does: the same key with the same parameters
 * replays the first reply (`Idempotent-Replayed: true`) and refunds nothing; with other
 * parameters it is a 400 `idempotency_error`. Only successful replies are kept for replay.
 * https://docs.stripe.com/api/refunds/create, https://docs.stripe.com/api/idempotent_requests
 */
export class StripeRefundWrites {
  private readonly byKey = new Map<string, { fingerprint: string; reply: VendorReply }>();
  private seq = 0;

  constructor(
    private readonly view: StripeView,
    private readonly ledger: WriteLedger,
  ) {}

  create(req: VendorRequest): VendorReply {
    const header = req.headers['idempotency-key'];
    const key = typeof header === 'string' && header ? header : undefined;
    const print = fingerprint(req.path, req.body);
    const seen = key ? this.byKey.get(key) : undefined;
    if (key && seen) {
      if (seen.fingerprint !== print) {
        return stripeError(
          400,
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          { type: 'idempotency_error' },
        );
      }
      this.ledger.replayed();
      return { ...seen.reply, headers: { ...seen.reply.headers, 'idempotent-replayed': 'true' } };
    }
    let form: StripeForm;
    try {
      form = parseForm(req.body, PARAMS);
    } catch (error) {
      if (error instanceof FormError) return invalidRequest(error.message, error.param);
      throw error;
    }
    const reply = this.refund(form, key);
    if (key && reply.status === 200) {
      const kept = { ...reply, headers: { ...reply.headers, 'idempotency-key': key } };
      this.byKey.set(key, { fingerprint: print, reply: kept });
      return kept;
    }
    return reply;
  }

  reset(): void {
    this.byKey.clear();
    this.seq = 0;
  }

  private refund(form: StripeForm, key: string | undefined): VendorReply {
    const { payment_intent: piId, charge: chargeParam, amount: rawAmount, reason } = form.params;
    if (!piId && !chargeParam)
      return invalidRequest(
        'One of the following params should be provided for this request: payment_intent or charge.',
      );
    if (piId && chargeParam)
      return invalidRequest(
        'You may only specify one of these parameters: charge, payment_intent.',
        'charge',
      );
    const found = piId ? this.byPaymentIntent(piId) : this.byCharge(chargeParam);
    if ('status' in found) return found;
    const { pi, charge } = found;
    if (reason !== undefined && !REASONS.has(reason))
      return invalidRequest(
        'Invalid reason: must be one of duplicate, fraudulent, or requested_by_customer',
        'reason',
      );
    if (rawAmount !== undefined && !/^\d+$/.test(rawAmount))
      return invalidRequest(`Invalid integer: ${rawAmount}`, 'amount');
    if (!charge || charge.status !== 'succeeded' || charge.captured !== true)
      return stripeError(400, `This PaymentIntent (${pi.id}) does not have a successful charge to refund.`, {
        code: 'charge_not_refundable',
      });
    const left = (charge.amount_captured as number) - (charge.amount_refunded as number);
    if (left <= 0)
      return stripeError(400, `Charge ${charge.id} has already been refunded.`, {
        code: 'charge_already_refunded',
      });
    if (this.view.disputes.some((d) => d.charge === charge.id && OPEN_DISPUTE.has(String(d.status))))
      return stripeError(400, `Charge ${charge.id} has been charged back; cannot issue a refund.`, {
        code: 'charge_disputed',
      });
    const amount = rawAmount === undefined ? left : Number(rawAmount);
    if (amount < 1)
      return stripeError(400, 'Amount must be at least 1.', { code: 'amount_too_small', param: 'amount' });
    if (amount > left)
      return stripeError(
        400,
        `Refund amount (${amount} ${charge.currency}) is greater than unrefunded amount on charge (${left} ${charge.currency})`,
        { code: 'amount_too_large', param: 'amount' },
      );
    return json(200, expandObject(this.apply(pi, charge, amount, reason, form, key), form.expand, this.view));
  }

  /** The refund, in place: the charge counts it, lists and retrievals show it. */
  private apply(
    pi: StripeObject,
    charge: StripeObject,
    amount: number,
    reason: string | undefined,
    form: StripeForm,
    key: string | undefined,
  ): StripeObject {
    const refund = refundObject(
      { paymentIntentId: pi.id, currency: String(charge.currency) },
      {
        id: stripeId(this.view.seed, 're', `write:${++this.seq}`),
        amount,
        status: 'succeeded',
        reason: reason ?? null,
        at: this.ledger.now(),
        metadata: form.metadata,
      },
    );
    charge.amount_refunded = (charge.amount_refunded as number) + amount;
    charge.refunded = (charge.amount_refunded as number) >= (charge.amount_captured as number);
    this.view.refunds.unshift(refund);
    this.view.objects.set(refund.id, refund);
    this.ledger.record({
      vendor: 'stripe',
      operation: 'POST /v1/refunds',
      orderNumber: (pi.metadata as Record<string, string>).order_number,
      key: key ?? form.metadata.hub_action_id,
    });
    return refund;
  }

  private byPaymentIntent(id: string): { pi: StripeObject; charge?: StripeObject } | VendorReply {
    const pi = this.view.objects.get(id);
    if (pi?.object !== 'payment_intent') return resourceMissing('payment_intent', id, 'payment_intent');
    return { pi, charge: this.view.objects.get(String(pi.latest_charge)) };
  }

  private byCharge(id: string): { pi: StripeObject; charge?: StripeObject } | VendorReply {
    const charge = this.view.objects.get(id);
    if (charge?.object !== 'charge') return resourceMissing('charge', id, 'charge');
    const pi = this.view.objects.get(String(charge.payment_intent));
    return pi ? { pi, charge } : resourceMissing('payment_intent', String(charge.payment_intent));
  }
}
