/**
 * Shopify search syntax: quote the value so spaces and colons stay inside it.
 * https://shopify.dev/docs/api/usage/search-syntax
 */
export function quote(value: string): string {
  return `"${value.replace(/["\\]/g, '\\$&')}"`;
}
