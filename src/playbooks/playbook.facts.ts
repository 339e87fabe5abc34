import { type Customer, type Order, type SupportCase } from '../canonical';
import { type GrantedRemedy } from '../actions/granted-remedies';
import { type Insights } from '../insights/insights.schema';

const DAY = 86_400_000;

/** What a caller tells the hub about the contact: the situation, and which items it is about. */
export interface Reported {
  situation?: string;
  /** SKUs of the items in question (a damaged mug); none: the whole order. */
  skus?: readonly string[];
}

/**
 * What playbook conditions read (docs/playbooks.md "Facts"): plain values only, the same for every
 * channel, so a rule decides the same way for an agent and a bot. Money as numbers for comparing;
 * the remedy's own amount is computed exactly (remedy-amount.ts).
 */
export interface Facts {
  situation: string | null;
  flags: string[];
  stage: string | null;
  order: {
    number: string;
    status: string;
    financialStatus: string;
    fulfillmentStatus: string;
    currency: string | null;
    total: number | null;
    refunded: number;
    tags: string[];
  };
  customer: { tags: string[]; orders: number | null };
  /** The items in question: the reported SKUs, else every line of the order. */
  items: {
    sku: string | null;
    title: string;
    quantity: number;
    unitPrice: number | null;
    value: number | null;
  }[];
  /** Their value together (unit price × quantity), when every one has a price. */
  itemsValue: number | null;
  shipments: { status: string; carrier: string | null }[];
  /** Days since the last parcel was delivered; null when none was. */
  daysSinceDelivery: number | null;
  /** Days the earliest estimate of a parcel not yet delivered is past: the latest parcel's (negative: ahead). */
  daysPastEstimate: number | null;
  /** Days since the first parcel left; null when none did. */
  daysSinceShipped: number | null;
  returnEligible: boolean | null;
  /** Returns requested or open on the order. */
  openReturns: number;
  priorCases: number;
  openCases: number;
  /**
   * Remedies the hub already granted on this order (carried out or on their way): how many, and
   * which (refund, replacement, store_credit). Null when the hub's records could not be read.
   */
  granted: { count: number; remedies: string[] } | null;
}

const days = (from: number, now: Date) => Math.floor((now.getTime() - from) / DAY);
const num = (amount: string | undefined) => (amount === undefined ? null : Number(amount));

export function factsOf(
  input: {
    order: Order;
    customer: Customer | null;
    cases: readonly SupportCase[];
    insights: Insights;
    /** Remedies still granted (stillGranted); null: unknown. */
    granted: readonly GrantedRemedy[] | null;
  },
  reported: Reported,
  now: Date,
): Facts {
  const { order, customer, cases, insights, granted } = input;
  const wanted = reported.skus?.length ? new Set(reported.skus.map((s) => s.toUpperCase())) : undefined;
  const lines = wanted
    ? order.lineItems.filter((l) => l.sku && wanted.has(l.sku.toUpperCase()))
    : order.lineItems;
  const items = lines.map((l) => {
    const unitPrice = num(l.unitPrice?.amount);
    return {
      sku: l.sku ?? null,
      title: l.title,
      quantity: l.quantity,
      unitPrice,
      value: unitPrice === null ? null : round(unitPrice * l.quantity),
    };
  });
  const live = order.shipments.filter((s) => s.status !== 'cancelled');
  const delivered = live.flatMap((s) => (s.deliveredAt ? [Date.parse(s.deliveredAt)] : []));
  const pending = live.filter((s) => !s.deliveredAt && s.status !== 'delivered');
  const estimates = pending.flatMap((s) =>
    s.estimatedDeliveryAt ? [Date.parse(s.estimatedDeliveryAt)] : [],
  );
  const shipped = live.flatMap((s) => (s.shippedAt ? [Date.parse(s.shippedAt)] : []));
  return {
    situation: reported.situation ?? null,
    flags: insights.flags.map((f) => f.code),
    stage: insights.orderStage ?? null,
    order: {
      number: order.number,
      status: order.status,
      financialStatus: order.financialStatus,
      fulfillmentStatus: order.fulfillmentStatus,
      currency: order.currency ?? order.totals.total?.currency ?? null,
      total: num(order.totals.total?.amount),
      refunded: num(order.totals.refunded?.amount) ?? 0,
      tags: order.tags.map((t) => t.toLowerCase()),
    },
    customer: {
      // The customer record's tags, and the shop's on the order itself (the bot path has only those).
      tags: [
        ...new Set([...(customer?.tags ?? []), ...(order.customer?.tags ?? [])].map((t) => t.toLowerCase())),
      ],
      orders: customer?.ordersCount ?? null,
    },
    items,
    itemsValue: items.every((i) => i.value !== null)
      ? round(items.reduce((s, i) => s + (i.value ?? 0), 0))
      : null,
    shipments: live.map((s) => ({ status: s.status, carrier: s.carrier ?? null })),
    daysSinceDelivery: delivered.length ? days(Math.max(...delivered), now) : null,
    daysPastEstimate: estimates.length ? days(Math.min(...estimates), now) : null,
    daysSinceShipped: shipped.length ? days(Math.min(...shipped), now) : null,
    returnEligible: insights.returnEligibility?.eligible ?? null,
    openReturns: order.returns.filter((r) => r.status === 'requested' || r.status === 'open').length,
    priorCases: cases.length,
    openCases: cases.filter((c) => c.status !== 'closed' && c.status !== 'solved').length,
    granted: granted && { count: granted.length, remedies: [...new Set(granted.map((r) => r.remedy))] },
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
