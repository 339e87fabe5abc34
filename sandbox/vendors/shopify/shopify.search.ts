import { type ShopifyObject } from './shopify.view';

/**
 * Shopify's search syntax, the part connectors use: `field:value` terms joined by AND, values
 * optionally quoted, `-field:value` to negate, bare words as free text. Unknown fields match
 * everything and yield a warning, as Shopify reports them in `extensions.search`.
 * https://shopify.dev/docs/api/usage/search-syntax
 */
export interface SearchTerm {
  field?: string;
  value: string;
  negated: boolean;
}

export interface SearchWarning {
  field: string;
  message: string;
}

type Filter = (item: ShopifyObject, value: string) => boolean;

/** A quoted value may escape its quote or a backslash with `\` (`tag:"say \"hi\""`). */
const TERM = /(?<!\S)(-)?(?:([A-Za-z_]+):)?(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|(\S+))/g;
const unescape = (quoted: string | undefined) => quoted?.replace(/\\(.)/g, '$1');

export function parseSearch(query: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  for (const m of query.matchAll(TERM)) {
    const value = unescape(m[3]) ?? unescape(m[4]) ?? m[5] ?? '';
    if (!m[2] && /^(AND|OR)$/.test(value)) continue; // the sandbox treats every term as AND
    terms.push({ field: m[2]?.toLowerCase(), value, negated: Boolean(m[1]) });
  }
  return terms;
}

const lower = (v: unknown) => String(v ?? '').toLowerCase();
const digits = (v: unknown) => String(v ?? '').replace(/\D/g, '');
const nested = (item: ShopifyObject, key: string, field: string) =>
  (item[key] as Record<string, unknown> | null)?.[field];

/** Order names compare without "#": `name:1001`, `name:#1001` and `name:"#1001"` all find #1001. */
export const ORDER_FILTERS: Record<string, Filter> = {
  name: (o, v) => lower(o.name).replace(/^#/, '') === lower(v).replace(/^#/, ''),
  email: (o, v) => lower(o.email) === lower(v),
  id: (o, v) => o.legacyResourceId === v,
  customer_id: (o, v) => nested(o, 'customer', 'legacyResourceId') === v,
  tag: (o, v) => (o.tags as string[]).some((t) => lower(t) === lower(v)),
  financial_status: (o, v) => lower(o.displayFinancialStatus) === lower(v),
  fulfillment_status: (o, v) => lower(o.displayFulfillmentStatus) === lower(v),
  status: (o, v) =>
    v === 'any' ||
    (v === 'cancelled' && o.cancelledAt !== null) ||
    (v === 'closed' && o.closed === true) ||
    (v === 'open' && o.closed !== true && o.cancelledAt === null),
};

export const CUSTOMER_FILTERS: Record<string, Filter> = {
  email: (c, v) => lower(c.email) === lower(v),
  phone: (c, v) => digits(c.phone) === digits(v),
  id: (c, v) => c.legacyResourceId === v,
  first_name: (c, v) => lower(c.firstName) === lower(v),
  last_name: (c, v) => lower(c.lastName) === lower(v),
  tag: (c, v) => (c.tags as string[]).some((t) => lower(t) === lower(v)),
};

const FREE_TEXT: Filter = (item, v) => {
  const needle = lower(v).replace(/^#/, '');
  const haystack = [item.name, item.email, item.displayName, nested(item, 'customer', 'displayName')];
  return haystack.some((h) => h !== undefined && h !== null && lower(h).includes(needle));
};

export function search(
  items: readonly ShopifyObject[],
  query: string | undefined,
  filters: Record<string, Filter>,
): { matches: ShopifyObject[]; warnings: SearchWarning[] } {
  const terms = query ? parseSearch(query) : [];
  const warnings: SearchWarning[] = [];
  const checks: ((item: ShopifyObject) => boolean)[] = [];
  for (const term of terms) {
    const filter = term.field ? filters[term.field] : FREE_TEXT;
    if (!filter) {
      warnings.push({ field: term.field ?? '', message: 'Invalid search field for this query.' });
      continue;
    }
    checks.push((item) => filter(item, term.value) !== term.negated);
  }
  return { matches: items.filter((item) => checks.every((check) => check(item))), warnings };
}
