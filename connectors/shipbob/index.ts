import { defineConnector } from '../../src/connectors/contract';
import { ShipBobConnector } from './shipbob.connector';
import { shipbobOptionsSchema } from './shipbob.options';
import { orderRecordSchema } from './shipbob.payloads';

/** ShipBob fulfillment (WMS), REST API 2026-01. https://developer.shipbob.com/2026-01/api */
export const shipbobConnector = defineConnector({
  type: 'shipbob',
  system: 'wms',
  capabilities: ['order.byNumber', 'orders.byNumbers'],
  optionsSchema: shipbobOptionsSchema,
  payloads: { order: orderRecordSchema },
  mappingContext: ['adminUrl'],
  create: (options, context) => new ShipBobConnector(options, context),
});
