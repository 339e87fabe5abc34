import { type Customer, type Payment, type World } from '../../world/world.types';
import { amountRefunded, disputeView, refundsView } from './stripe.after-sale.view';
import { customerId, paymentIntentId, stripeId, unix } from './stripe.ids';
import { chargeView, type PaymentRefs, paymentIntentView, type StripeObject } from './stripe.payments.view';

/**
 * The Stripe account's view of the world, built once at start (refunds created through
 * `POST /v1/refunds` are added in place; a sandbox reset builds it again): every card payment through
 * Shopify Payments (which runs on Stripe) is a PaymentIntent with one charge, its refunds and its
 * dispute; every person who paid that way is a Stripe customer. Lists are newest first, as Stripe
 * lists them. Orders only the warehouse knows (`omsMissing`) were never paid through the shop.
 */
export interface StripeView {
  /** The world's seed, for the ids of objects that writes create. */
  seed: number;
  paymentIntents: StripeObject[];
  charges: StripeObject[];
  refunds: StripeObject[];
  disputes: StripeObject[];
  customers: StripeObject[];
  /** Any object by id (retrieval and expansions). */
  objects: Map<string, StripeObject>;
}

type CardPayment = Payment & { method: { type: 'card' } };
const isStripeCard = (p: Payment): p is CardPayment =>
  p.gateway === 'shopify_payments' && p.method.type === 'card';

const newestFirst = (a: StripeObject, b: StripeObject) =>
  (b.created as number) - (a.created as number) || (a.id < b.id ? -1 : 1);

export function buildStripeView(world: World): StripeView {
  const seed = world.seed;
  const people = new Map(world.customers.map((c) => [c.id, c]));
  const firstPaidAt = new Map<number, string>();
  const paymentIntents: StripeObject[] = [];
  const charges: StripeObject[] = [];
  const refunds: StripeObject[] = [];
  const disputes: StripeObject[] = [];

  for (const order of world.orders) {
    if (order.omsMissing) continue;
    const customer = people.get(order.customerId);
    for (const payment of order.payments.filter(isStripeCard)) {
      const first = firstPaidAt.get(order.customerId);
      if (!first || payment.createdAt < first) firstPaidAt.set(order.customerId, payment.createdAt);
      const refs: PaymentRefs = {
        seed,
        order,
        payment,
        customer,
        customerId: customer ? customerId(seed, customer.id) : undefined,
        paymentIntentId: paymentIntentId(seed, payment),
        amountRefunded: 0,
      };
      const own = refundsView(
        refs,
        order.refunds.filter((r) => r.paymentId === payment.id),
      );
      refs.amountRefunded = amountRefunded(own);
      paymentIntents.push(paymentIntentView(refs));
      charges.push(chargeView(refs));
      refunds.push(...own);
      if (payment.dispute) disputes.push(disputeView(refs, payment.dispute));
    }
  }

  const customers = world.customers
    .filter((c) => firstPaidAt.has(c.id))
    .map((c) => customerView(seed, c, firstPaidAt.get(c.id)!));

  const lists = [paymentIntents, charges, refunds, disputes, customers];
  const objects = new Map<string, StripeObject>();
  for (const list of lists) {
    list.sort(newestFirst);
    for (const o of list) objects.set(o.id, o);
  }
  return { seed, paymentIntents, charges, refunds, disputes, customers, objects };
}

/**
 * A world customer as Stripe knows them: created at their first card payment, with the email and
 * phone the checkout passed. https://docs.stripe.com/api/customers/object
 */
function customerView(seed: number, c: Customer, firstPaidAt: string): StripeObject {
  const address = {
    city: c.address.city,
    country: c.address.countryCode,
    line1: c.address.line1,
    line2: c.address.line2 ?? null,
    postal_code: c.address.postalCode,
    state: c.address.regionCode ?? c.address.region ?? null,
  };
  return {
    id: customerId(seed, c.id),
    object: 'customer',
    address,
    balance: 0,
    created: unix(firstPaidAt),
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email: c.email,
    invoice_prefix: stripeId(seed, 'x', `invoice-prefix:${c.id}`, 8).slice(2).toUpperCase(),
    invoice_settings: {
      custom_fields: null,
      default_payment_method: null,
      footer: null,
      rendering_options: null,
    },
    livemode: false,
    metadata: {},
    name: `${c.firstName} ${c.lastName}`,
    next_invoice_sequence: 1,
    phone: c.phone,
    preferred_locales: [],
    shipping: { address, name: `${c.firstName} ${c.lastName}`, phone: c.phone },
    tax_exempt: 'none',
    test_clock: null,
  };
}
