/**
 * Stripe Search Query Language: string values in quotes, quotes inside escaped with a backslash,
 * up to 10 clauses joined by OR (AND and OR cannot be mixed). https://docs.stripe.com/search
 */
export function quote(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}

/** `metadata['order_number']:'1001' OR metadata['order_id']:'1001'`: one call tries every key. */
export function orderNumberQuery(keys: readonly string[], orderNumber: string | readonly string[]): string {
  const numbers = typeof orderNumber === 'string' ? [orderNumber] : orderNumber;
  return numbers.flatMap((n) => keys.map((key) => `metadata['${key}']:${quote(n)}`)).join(' OR ');
}

/** Stripe's search takes at most 10 clauses joined by OR. https://docs.stripe.com/search#search-query-language */
export const MAX_SEARCH_CLAUSES = 10;

export function emailQuery(email: string): string {
  return `email:${quote(email)}`;
}
