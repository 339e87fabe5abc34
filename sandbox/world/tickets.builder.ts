import { PRODUCTS } from './products.data';
import { chance, int, pick, weighted, type Rng } from './random';
import { type Situation, type TicketFacts, type TicketRef, type TicketTime } from './ticket-spec.types';
import { CHANNELS, PRIORITIES, TEMPLATES } from './ticket-templates.data';
import { FIXED_TICKETS } from './tickets.data';
import { hours, iso } from './time.util';
import { type Customer, type Order, type Ticket } from './world.types';

/** Seeded tickets added to the fixed ones (17 + 18 = 35 tickets in every world). */
export const SEEDED_TICKET_COUNT = 18;
/** Victor never writes in (a customer without tickets); Priya's two tickets are the fixed ones. */
const QUIET = ['victor', 'priya'];
const MINUTE_MS = 60_000;

export interface TicketContext {
  rng: Rng;
  anchorMs: number;
  customers: readonly Customer[];
  /** Customers by key ("alice") as well as by "#id". */
  lookup: Map<string, Customer>;
  orders: readonly Order[];
}

type Draft = Omit<Ticket, 'id' | 'createdAt' | 'updatedAt'> & { createdMs: number; updatedMs: number };

/**
 * The help desk's tickets, oldest first (ids in that order): the fixed ones, then seeded everyday
 * mail about the customers' orders. Every ticket is created after the order it names was placed
 * (after sign-up without one), and updated at or after creation, all before the anchor.
 */
export function buildTickets(ctx: TicketContext): Ticket[] {
  const drafts = FIXED_TICKETS.map((spec): Draft => {
    const customer = ctx.lookup.get(spec.customer);
    const order = spec.order === undefined ? undefined : ctx.orders.find((o) => o.number === spec.order);
    if (!customer || (spec.order !== undefined && order?.customerId !== customer.id))
      throw new Error(`sandbox ticket "${spec.subject}": unknown customer or order`);
    const createdMs = clampCreated(
      ctx,
      at(ctx, spec.created, order, customer) + jitter(ctx),
      order,
      customer,
    );
    const updatedMs = spec.updated ? at(ctx, spec.updated, order, customer) + jitter(ctx) : createdMs;
    return {
      ...about(customer, order),
      subject: spec.subject,
      description: spec.description,
      status: spec.status,
      priority: spec.priority,
      channel: spec.channel,
      createdMs,
      updatedMs: clampUpdated(ctx, updatedMs, createdMs),
    };
  });
  drafts.push(...seeded(ctx, new Set(FIXED_TICKETS.map((t) => t.order))));
  return drafts
    .map((draft, index) => ({ draft, index }))
    .sort((a, b) => a.draft.createdMs - b.draft.createdMs || a.index - b.index)
    .map(({ draft: { createdMs, updatedMs, ...rest } }, i) => ({
      id: i + 1,
      ...rest,
      createdAt: iso(createdMs),
      updatedAt: iso(updatedMs),
    }));
}

function seeded(ctx: TicketContext, taken: Set<number | undefined>): Draft[] {
  const { rng } = ctx;
  const quiet = new Set(QUIET.map((key) => ctx.lookup.get(key)?.id));
  const pool = ctx.customers.filter((c) => !quiet.has(c.id) && ctx.orders.some((o) => o.customerId === c.id));
  const drafts: Draft[] = [];
  for (let i = 0; i < SEEDED_TICKET_COUNT; i++) {
    const customer = pick(rng, pool);
    const own = ctx.orders.filter((o) => o.customerId === customer.id && !taken.has(o.number));
    const order = own.length > 0 && chance(rng, 0.8) ? pick(rng, own) : undefined;
    taken.add(order?.number);
    const template = pick(rng, TEMPLATES[situationOf(order)]);
    const facts: TicketFacts = {
      customer,
      order,
      name: order ? `#${order.number}` : '',
      item: order?.lineItems[0].title ?? pick(rng, PRODUCTS).title,
      carrier: order?.parcels.at(-1)?.carrier ?? 'the carrier',
    };
    const from = at(ctx, [template.from, int(rng, template.hours[0], template.hours[1])], order, customer);
    const createdMs = clampCreated(ctx, from + jitter(ctx), order, customer);
    const status = statusFor(rng, ctx.anchorMs - createdMs);
    drafts.push({
      ...about(customer, order),
      subject: template.subject(facts),
      description: template.description(facts),
      status,
      priority: weighted(rng, PRIORITIES),
      channel: weighted(rng, CHANNELS),
      createdMs,
      updatedMs: clampUpdated(ctx, createdMs + hours(updateHours(rng, status)), createdMs),
    });
  }
  return drafts;
}

/** The help desk knows the requester by their CRM email when they have one. */
function about(customer: Customer, order: Order | undefined) {
  return {
    customerId: customer.id,
    requesterEmail: customer.crmEmail ?? customer.email,
    ...(order ? { orderNumber: order.number } : {}),
  };
}

function situationOf(order: Order | undefined): Situation {
  if (!order) return 'general';
  if (order.cancellation) return 'cancelled';
  if (order.refunds.length > 0) return 'refunded';
  if (order.returns.length > 0) return 'returning';
  const live = order.parcels.filter((p) => !p.cancelledAt);
  if (live.length === 0) return 'unshipped';
  return live.every((p) => p.deliveredAt) ? 'delivered' : 'moving';
}

/** Young tickets are still being worked on; old ones are solved, and closed four days later. */
function statusFor(rng: Rng, ageMs: number): Ticket['status'] {
  const ageHours = ageMs / hours(1);
  if (ageHours < 24)
    return weighted(rng, [
      ['new', 3],
      ['open', 3],
      ['pending', 1],
    ] as const);
  if (ageHours < 120)
    return weighted(rng, [
      ['open', 2],
      ['pending', 2],
      ['on_hold', 1],
      ['solved', 3],
    ] as const);
  return weighted(rng, [
    ['solved', 2],
    ['closed', 4],
  ] as const);
}

function updateHours(rng: Rng, status: Ticket['status']): number {
  if (status === 'new') return 0;
  if (status === 'solved') return int(rng, 2, 48);
  if (status === 'closed') return int(rng, 100, 140);
  return int(rng, 1, 30);
}

/** A point in the order's story plus hours (ms). */
function at(ctx: TicketContext, [ref, plus]: TicketTime, order: Order | undefined, customer: Customer) {
  const found = ref === 'now' ? iso(ctx.anchorMs) : pointOf(ref, order);
  return Date.parse(found ?? order?.placedAt ?? customer.createdAt) + hours(plus);
}

function pointOf(ref: Exclude<TicketRef, 'now'>, order: Order | undefined): string | undefined {
  if (!order) return undefined;
  const live = order.parcels.filter((p) => !p.cancelledAt);
  switch (ref) {
    case 'placed':
      return order.placedAt;
    case 'shipped':
      return live[0]?.shippedAt ?? live[0]?.createdAt;
    case 'delivered':
      return live.find((p) => p.deliveredAt)?.deliveredAt;
    case 'lastScan':
      return live
        .flatMap((p) => p.events.map((e) => e.at))
        .sort()
        .at(-1);
    case 'refund':
      return order.refunds[0]?.at;
    case 'return':
      return order.returns[0]?.createdAt;
    case 'dispute':
      return order.payments.find((p) => p.dispute)?.dispute?.openedAt;
    case 'cancelled':
      return order.cancellation?.at;
  }
}

/** Minutes of seeded noise, so fixed tickets do not all land on the hour. */
function jitter(ctx: TicketContext): number {
  return int(ctx.rng, 0, 59) * MINUTE_MS;
}

/** After the order was placed (or the customer signed up), ten minutes before the anchor at the latest. */
function clampCreated(ctx: TicketContext, ms: number, order: Order | undefined, customer: Customer) {
  const floor = Date.parse(order?.placedAt ?? customer.createdAt) + 15 * MINUTE_MS;
  return whole(Math.min(Math.max(ms, floor), ctx.anchorMs - 10 * MINUTE_MS));
}

function clampUpdated(ctx: TicketContext, ms: number, createdMs: number) {
  return whole(Math.min(Math.max(ms, createdMs), ctx.anchorMs - 5 * MINUTE_MS));
}

function whole(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}
