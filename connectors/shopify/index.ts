import { defineConnector } from '../../src/connectors/contract';
import { ShopifyConnector } from './shopify.connector';
import { shopifyOptionsSchema } from './shopify.options';
import { customerSchema, orderSchema } from './shopify.payloads';

/** Shopify Admin GraphQL API (OMS). https://shopify.dev/docs/api/admin-graphql */
export const shopifyConnector = defineConnector({
  type: 'shopify',
  system: 'oms',
  capabilities: [
    'order.byNumber',
    'orders.byCustomer',
    'customer.byEmail',
    'customer.byPhone',
    'customers.byName',
  ],
  optionsSchema: shopifyOptionsSchema,
  payloads: { order: orderSchema, customer: customerSchema },
  mappingContext: ['adminUrl'],
  create: (options, context) => new ShopifyConnector(options, context),
});
