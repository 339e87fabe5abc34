import { defineConnector } from '../../src/connectors/contract';
import { HubspotConnector } from './hubspot.connector';
import { hubspotOptionsSchema } from './hubspot.options';

/** HubSpot CRM (contacts and tickets). https://developers.hubspot.com/docs/api/crm/understanding-the-crm */
export const hubspotConnector = defineConnector({
  type: 'hubspot',
  system: 'crm',
  capabilities: ['customer.byEmail', 'customer.byPhone', 'cases.byCustomer'],
  optionsSchema: hubspotOptionsSchema,
  create: (options, context) => new HubspotConnector(options, context),
});
