import { afterShipConnector } from '../../../connectors/aftership';
import { easyPostConnector } from '../../../connectors/easypost';
import { hubspotConnector } from '../../../connectors/hubspot';
import { shipbobConnector } from '../../../connectors/shipbob';
import { shopifyConnector } from '../../../connectors/shopify';
import { stripeConnector } from '../../../connectors/stripe';
import { zendeskConnector } from '../../../connectors/zendesk';
import { type ConnectorDefinition } from '../../../src/connectors/contract';

/** The least each type needs besides the webhook secret. */
const BASE: [ConnectorDefinition<any>, Record<string, unknown>, string][] = [
  [shopifyConnector, { shop: 'acme.myshopify.com', accessToken: 'shpat_x' }, 'shpss_secret'],
  [stripeConnector, { secretKey: 'sk_test_x' }, 'whsec_secret'],
  [easyPostConnector, { apiKey: 'EZTK_x' }, 'secret'],
  [afterShipConnector, { apiKey: 'asat_x' }, 'secret'],
  [shipbobConnector, { accessToken: 'pat' }, 'whsec_c2VjcmV0'],
  [hubspotConnector, { accessToken: 'pat' }, 'secret'],
  [zendeskConnector, { subdomain: 'acme', email: 'a@b.co', apiToken: 't' }, 'secret'],
];
const context = { id: 'x', logger: { debug() {}, warn() {} } };

describe.each(BASE)('%# connector webhooks option', (definition, options, secret) => {
  it(`${definition.type}: webhooks only with a webhookSecret`, async () => {
    const without = definition.create(definition.optionsSchema.parse(options), context);
    const withSecret = definition.create(
      definition.optionsSchema.parse({ ...options, webhookSecret: secret }),
      context,
    );
    expect(without.webhooks).toBeUndefined();
    expect(typeof withSecret.webhooks?.verify).toBe('function');
    await Promise.all([without.close?.(), withSecret.close?.()]);
  });
});

describe('webhook secrets are checked at boot where the vendor fixes their form', () => {
  it('Stripe wants whsec_..., ShipBob whsec_ + base64', () => {
    expect(
      stripeConnector.optionsSchema.safeParse({ secretKey: 'sk_test_x', webhookSecret: 'abc' }).success,
    ).toBe(false);
    expect(
      shipbobConnector.optionsSchema.safeParse({ accessToken: 'p', webhookSecret: 'whsec_not base64!' })
        .success,
    ).toBe(false);
  });
});
