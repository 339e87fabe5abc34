import { defineConnector } from '../../src/connectors/contract';
import { StripeConnector } from './stripe.connector';
import { stripeOptionsSchema } from './stripe.options';
import { customerSchema, orderRecordSchema } from './stripe.payloads';

/** Stripe (payments) through the official SDK. https://docs.stripe.com/api */
export const stripeConnector = defineConnector({
  type: 'stripe',
  system: 'payments',
  capabilities: ['order.byNumber', 'orders.byNumbers', 'customer.byEmail'],
  optionsSchema: stripeOptionsSchema,
  payloads: { order: orderRecordSchema, customer: customerSchema },
  mappingContext: ['dashboardUrl'],
  create: (options, context) => new StripeConnector(options, context),
});
