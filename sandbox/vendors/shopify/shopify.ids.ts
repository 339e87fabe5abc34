/**
 * Shopify ids for world entities: global ids (gid://shopify/<Type>/<n>) with a per-type offset so
 * they look like Shopify's large integers, and `legacyResourceId` is the same number as a string.
 * https://shopify.dev/docs/api/usage/gids
 */
const OFFSET = {
  Order: 5_000_000,
  LineItem: 13_100_000,
  Fulfillment: 4_400_000,
  FulfillmentLineItem: 4_600_000,
  FulfillmentEvent: 7_700_000,
  OrderTransaction: 6_600_000,
  Refund: 8_800_000,
  RefundLineItem: 8_900_000,
  Return: 9_900_000,
  ReturnLineItem: 9_950_000,
  Customer: 7_000_000,
  Shop: 48_000_000,
  ProductVariant: 44_100_000,
  StoreCreditAccount: 3_300_000,
  StoreCreditAccountCreditTransaction: 3_500_000,
} as const;

export type GidType = keyof typeof OFFSET;

export function numericId(type: GidType, n: number): number {
  return OFFSET[type] + n;
}

export function gid(type: GidType, n: number): string {
  return `gid://shopify/${type}/${numericId(type, n)}`;
}

/** The `id` and `legacyResourceId` pair most Shopify objects carry. */
export function ids(type: GidType, n: number): { id: string; legacyResourceId: string } {
  return { id: gid(type, n), legacyResourceId: String(numericId(type, n)) };
}

const GID = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)$/;

/** The type and number of a global id a client sent (`gid://shopify/Customer/7000001`), if it is one. */
export function parseGid(value: unknown): { type: string; id: number } | undefined {
  const m = GID.exec(String(value ?? ''));
  return m ? { type: m[1], id: Number(m[2]) } : undefined;
}
