import { afterShipConnector } from '../../connectors/aftership';
import { easyPostConnector } from '../../connectors/easypost';
import { hubspotConnector } from '../../connectors/hubspot';
import { shipbobConnector } from '../../connectors/shipbob';
import { shopifyConnector } from '../../connectors/shopify';
import { stripeConnector } from '../../connectors/stripe';
import { zendeskConnector } from '../../connectors/zendesk';
import { type ConnectorDefinition } from './contract';

/**
 * Every connector type the hub knows, in one list (docs/architecture.md "Conventions" 1: no auto-discovery).
 * Adding a vendor: a folder under connectors/, its mappings, its tests, and one line here.
 */
export const CONNECTOR_DEFINITIONS: readonly ConnectorDefinition<never>[] = [
  shopifyConnector as ConnectorDefinition<never>,
  shipbobConnector as ConnectorDefinition<never>,
  easyPostConnector as ConnectorDefinition<never>,
  afterShipConnector as ConnectorDefinition<never>,
  hubspotConnector as ConnectorDefinition<never>,
  zendeskConnector as ConnectorDefinition<never>,
  stripeConnector as ConnectorDefinition<never>,
];
