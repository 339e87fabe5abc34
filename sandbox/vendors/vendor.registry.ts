import { type World } from '../world/world.types';
import { type RateLimitOptions } from './shopify/shopify.cost';
import { ShopifyGraphqlAdapter } from './shopify/shopify.graphql';
import { buildShopifyView } from './shopify/shopify.view';
import { type VendorAdapter } from './vendor.adapter';

export interface VendorSettings {
  shopifyAccessToken: string;
  shopifyRateLimit?: RateLimitOptions;
}

/**
 * Every simulated vendor, in one explicit list (no discovery). Each gets its view of the same
 * world, built once here at start. Fault control accepts exactly these keys.
 */
export function createVendors(world: World, settings: VendorSettings): VendorAdapter[] {
  return [
    new ShopifyGraphqlAdapter(buildShopifyView(world), {
      accessToken: settings.shopifyAccessToken,
      rateLimit: settings.shopifyRateLimit,
    }),
  ];
}
