import { defineConnector } from '../../src/connectors/contract';
import { HubspotConnector } from './hubspot.connector';
import { hubspotOptionsSchema } from './hubspot.options';
import { contactSchema, ticketRecordSchema } from './hubspot.payloads';

/** HubSpot CRM (contacts and tickets). https://developers.hubspot.com/docs/api/crm/understanding-the-crm */
export const hubspotConnector = defineConnector({
  type: 'hubspot',
  system: 'crm',
  capabilities: ['customer.byEmail', 'customer.byPhone', 'cases.byCustomer'],
  optionsSchema: hubspotOptionsSchema,
  payloads: { contact: contactSchema, ticket: ticketRecordSchema },
  // `recordUrl` only with `portalId` configured; the mappings' deep links are then left out.
  mappingContext: ['recordUrl'],
  create: (options, context) => new HubspotConnector(options, context),
});
