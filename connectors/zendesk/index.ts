import { defineConnector } from '../../src/connectors/contract';
import { ZendeskConnector } from './zendesk.connector';
import { zendeskOptionsSchema } from './zendesk.options';
import { ticketSchema, userSchema } from './zendesk.payloads';

/** Zendesk Support (users and tickets). https://developer.zendesk.com/api-reference/ */
export const zendeskConnector = defineConnector({
  type: 'zendesk',
  system: 'crm',
  capabilities: ['customer.byEmail', 'customer.byPhone', 'cases.byCustomer'],
  optionsSchema: zendeskOptionsSchema,
  payloads: { user: userSchema, ticket: ticketSchema },
  mappingContext: ['agentUrl'],
  create: (options, context) => new ZendeskConnector(options, context),
});
