import { defineConnector } from '../../src/connectors/contract';
import { AfterShipConnector } from './aftership.connector';
import { afterShipOptionsSchema } from './aftership.options';
import { trackingSchema } from './aftership.payloads';

/** AfterShip Tracking API 2025-01 (carrier tracking aggregator). https://www.aftership.com/docs/tracking/2025-01 */
export const afterShipConnector = defineConnector({
  type: 'aftership',
  system: 'shipping',
  capabilities: ['shipments.byTracking'],
  optionsSchema: afterShipOptionsSchema,
  payloads: { tracking: trackingSchema },
  mappingContext: ['adminUrl'],
  create: (options, context) => new AfterShipConnector(options, context),
});
