/**
 * Stripe Search Query Language: string values in quotes, quotes inside escaped with a backslash,
 * up to 10 clauses joined by OR (AND and OR cannot be mixed). https://docs.stripe.com/search
 */
export function quote(value: string): string {
  return `'${value.replace(/[\\']/g, '\\$&')}'`;
}

/** `metadata['order_number']:'1001' OR metadata['order_id']:'1001'`: one call tries every key. */
export function orderNumberQuery(keys: readonly string[], orderNumber: string): string {
  const value = quote(orderNumber);
  return keys.map((key) => `metadata['${key}']:${value}`).join(' OR ');
}

export function emailQuery(email: string): string {
  return `email:${quote(email)}`;
}
