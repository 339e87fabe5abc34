/**
 * Shopify Decimals ("89.0", "12.345", "1500") compared and subtracted exactly: as integers of
 * millionths, far finer than any currency. Money arithmetic in floats would say 0.1 + 0.2 > 0.3.
 * https://shopify.dev/docs/api/admin-graphql/latest/scalars/Decimal
 */
const SCALE = 6;
const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** A non-negative decimal string as millionths; undefined when it is not one (or finer than that). */
export function toMillionths(value: string): bigint | undefined {
  const m = DECIMAL.exec(value.trim());
  if (!m) return undefined;
  const fraction = (m[2] ?? '').replace(/(?<!0)0+$/, '');
  if (fraction.length > SCALE) return undefined;
  return BigInt(m[1] + fraction.padEnd(SCALE, '0'));
}
