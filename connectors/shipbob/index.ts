import { defineConnector } from '../../src/connectors/contract';
import { ShipBobConnector } from './shipbob.connector';
import { shipbobOptionsSchema } from './shipbob.options';

/** ShipBob fulfillment (WMS), REST API 2026-01. https://developer.shipbob.com/2026-01/api */
export const shipbobConnector = defineConnector({
  type: 'shipbob',
  system: 'wms',
  capabilities: ['order.byNumber', 'orders.byNumbers'],
  optionsSchema: shipbobOptionsSchema,
  create: (options, context) => new ShipBobConnector(options, context),
});
