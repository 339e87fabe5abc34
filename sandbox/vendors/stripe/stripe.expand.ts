import { type StripeObject } from './stripe.payments.view';
import { type StripeView } from './stripe.view';

export class ExpandError extends Error {}

/** Stripe expands at most four levels deep. https://docs.stripe.com/expand */
const MAX_DEPTH = 4;
/** An embedded list (charge.refunds) holds the first page; the rest is `has_more`. */
const EMBEDDED_LIST_LIMIT = 10;

type Resolver = (current: unknown, owner: StripeObject, view: StripeView) => unknown;

const byId: Resolver = (current, _owner, view) =>
  typeof current === 'string' ? (view.objects.get(current) ?? null) : current;

/** What each object may expand, and how. */
const EXPANDABLE: Record<string, Record<string, Resolver>> = {
  payment_intent: { latest_charge: byId, customer: byId },
  charge: {
    customer: byId,
    payment_intent: byId,
    // Not in a charge at all unless expanded (API versions since 2022-11-15).
    refunds: (current, owner, view) => current ?? embeddedList(view.refunds, 'charge', owner.id),
  },
  refund: { charge: byId, payment_intent: byId },
  dispute: { charge: byId, payment_intent: byId },
};

function embeddedList(all: StripeObject[], key: string, id: string) {
  const data = all.filter((o) => o[key] === id);
  return {
    object: 'list',
    data: data.slice(0, EMBEDDED_LIST_LIMIT),
    has_more: data.length > EMBEDDED_LIST_LIMIT,
    url: `/v1/charges/${id}/refunds`,
  };
}

/** Applies `expand[]` paths to one object (copies; the view is never changed). */
export function expandObject(object: StripeObject, paths: readonly string[], view: StripeView): StripeObject {
  let out = object;
  for (const path of paths) {
    const segments = path.split('.');
    if (segments.length > MAX_DEPTH) throw new ExpandError(`too deep: ${path} (at most ${MAX_DEPTH} levels)`);
    out = expandPath(out, segments, path, view);
  }
  return out;
}

/** Applies `expand[]` paths of a list or search reply: each must start with `data.`. */
export function expandItems(
  items: StripeObject[],
  paths: readonly string[],
  view: StripeView,
): StripeObject[] {
  if (paths.length === 0) return items;
  const inner = paths.map((p) => {
    if (!p.startsWith('data.')) throw new ExpandError(`${p} (expand the items as data.<field>)`);
    return p.slice(5);
  });
  return items.map((item) => expandObject(item, inner, view));
}

function expandPath(object: StripeObject, segments: string[], path: string, view: StripeView): StripeObject {
  const [field, ...rest] = segments;
  const resolve = EXPANDABLE[object.object]?.[field];
  if (!resolve) throw new ExpandError(path);
  let value = resolve(object[field], object, view) as StripeObject | null;
  if (value && rest.length > 0) {
    if (value.object === 'list') {
      if (rest[0] !== 'data' || rest.length < 2) throw new ExpandError(path);
      const list = value as unknown as { data: StripeObject[] };
      value = { ...value, data: list.data.map((o) => expandPath(o, rest.slice(1), path, view)) };
    } else value = expandPath(value, rest, path, view);
  }
  return { ...object, [field]: value };
}
