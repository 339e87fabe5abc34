import { type World } from '../world/world.types';
import { type WriteLedger } from '../writes/write.ledger';
import { AFTERSHIP_SANDBOX_API_KEY, AfterShipAdapter } from './aftership/aftership.adapter';
import { buildAfterShipView } from './aftership/aftership.view';
import { EASYPOST_SANDBOX_API_KEY, EasyPostAdapter } from './easypost/easypost.adapter';
import { buildEasyPostView } from './easypost/easypost.view';
import { HUBSPOT_SANDBOX_TOKEN, HubspotAdapter } from './hubspot/hubspot.adapter';
import { buildHubspotView } from './hubspot/hubspot.view';
import { ShipBobAdapter } from './shipbob/shipbob.adapter';
import { buildShipBobView } from './shipbob/shipbob.view';
import { type RateLimitOptions } from './shopify/shopify.cost';
import { ShopifyGraphqlAdapter } from './shopify/shopify.graphql';
import { buildShopifyView } from './shopify/shopify.view';
import { DEFAULT_STRIPE_SECRET_KEY, StripeRestAdapter } from './stripe/stripe.rest';
import { buildStripeView } from './stripe/stripe.view';
import { type VendorAdapter } from './vendor.adapter';
import { ZendeskAdapter } from './zendesk/zendesk.adapter';
import { buildZendeskView } from './zendesk/zendesk.view';

export interface VendorSettings {
  shopifyAccessToken: string;
  shopifyRateLimit?: RateLimitOptions;
  /** Where the write-capable vendors record what they changed. */
  ledger: WriteLedger;
}

/**
 * Every simulated vendor, in one explicit list (no discovery). Each gets its view of the same
 * world, built once here at start. Fault control accepts exactly these keys. The vendors that
 * take writes (Shopify, Stripe, HubSpot) change their view in place and build it again on reset.
 */
export function createVendors(world: World, settings: VendorSettings): VendorAdapter[] {
  const { ledger } = settings;
  return [
    new ShopifyGraphqlAdapter(buildShopifyView(world), {
      accessToken: settings.shopifyAccessToken,
      rateLimit: settings.shopifyRateLimit,
      ledger,
      rebuild: () => buildShopifyView(world),
    }),
    // The warehouse and the trackers see a parcel's new scans (refresh); the shop's view does not.
    new ShipBobAdapter(buildShipBobView(world), undefined, () => buildShipBobView(world)),
    new EasyPostAdapter(buildEasyPostView(world), {
      apiKey: EASYPOST_SANDBOX_API_KEY,
      rebuild: () => buildEasyPostView(world),
    }),
    new AfterShipAdapter(buildAfterShipView(world), {
      apiKey: AFTERSHIP_SANDBOX_API_KEY,
      rebuild: () => buildAfterShipView(world),
    }),
    new HubspotAdapter(buildHubspotView(world), HUBSPOT_SANDBOX_TOKEN, {
      ledger,
      rebuild: () => buildHubspotView(world),
    }),
    new ZendeskAdapter(buildZendeskView(world)),
    new StripeRestAdapter(buildStripeView(world), {
      secretKey: DEFAULT_STRIPE_SECRET_KEY,
      ledger,
      rebuild: () => buildStripeView(world),
    }),
  ];
}
