import { defineConnector } from '../../src/connectors/contract';
import { ZendeskConnector } from './zendesk.connector';
import { zendeskOptionsSchema } from './zendesk.options';

/** Zendesk Support (users and tickets). https://developer.zendesk.com/api-reference/ */
export const zendeskConnector = defineConnector({
  type: 'zendesk',
  system: 'crm',
  capabilities: ['customer.byEmail', 'customer.byPhone', 'cases.byCustomer'],
  optionsSchema: zendeskOptionsSchema,
  create: (options, context) => new ZendeskConnector(options, context),
});
