import { shopifyConnector } from '../../connectors/shopify';
import { type ConnectorDefinition } from './contract';

/**
 * Every connector type the hub knows, in one list (STYLE.md §1: no auto-discovery).
 * Adding a vendor: a folder under connectors/, its mappings, its tests, and one line here.
 */
export const CONNECTOR_DEFINITIONS: readonly ConnectorDefinition<never>[] = [
  shopifyConnector as ConnectorDefinition<never>,
];
