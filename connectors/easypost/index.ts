import { defineConnector } from '../../src/connectors/contract';
import { EasyPostConnector } from './easypost.connector';
import { easyPostOptionsSchema } from './easypost.options';
import { trackerSchema } from './easypost.payloads';

/** EasyPost Tracker API (carrier tracking aggregator). https://docs.easypost.com/docs/trackers */
export const easyPostConnector = defineConnector({
  type: 'easypost',
  system: 'shipping',
  capabilities: ['shipments.byTracking'],
  optionsSchema: easyPostOptionsSchema,
  payloads: { tracker: trackerSchema },
  mappingContext: ['dashboardUrl'],
  create: (options, context) => new EasyPostConnector(options, context),
});
