import { PRODUCTS, type Product } from '../../world/products.data';
import { ids } from './shopify.ids';
import { shopifyDecimal } from './shopify.money';
import { type ShopifyObject } from './shopify.view';

/**
 * The shop's catalog as ProductVariants: one per world SKU, numbered in catalog order
 * (gid://shopify/ProductVariant/44100001 is the first). Line items point at them (`variant`), and
 * `orderCreate` takes their ids. They never change, so every view shares these objects.
 * https://shopify.dev/docs/api/admin-graphql/latest/objects/ProductVariant
 */
export const VARIANTS: readonly ShopifyObject[] = PRODUCTS.map((p, i) => ({
  __typename: 'ProductVariant',
  ...ids('ProductVariant', i + 1),
  sku: p.sku,
  title: p.variantTitle,
  displayName: `${p.title} - ${p.variantTitle}`,
  // Money scalar: a Decimal in the shop's currency (USD).
  price: shopifyDecimal(p.usdCents, 'USD'),
}));

const BY_SKU = new Map(VARIANTS.map((v) => [v.sku as string, v]));
const PRODUCT_OF = new Map(VARIANTS.map((v, i) => [v.id, PRODUCTS[i]]));

export function variantBySku(sku: string): ShopifyObject | null {
  return BY_SKU.get(sku) ?? null;
}

/** The catalog product behind a variant id, for `orderCreate` lines that name a variant. */
export function productOfVariant(id: unknown): Product | undefined {
  return PRODUCT_OF.get(String(id));
}
