import { type OperationDefinitionNode, parse } from 'graphql';
import nock from 'nock';
import { shopifyConnector } from '../../connectors/shopify';
import { type Connector } from '../../src/connectors/contract';
import { type Json } from '../fixtures/shopify';

/** The shop nock answers as (test/setup/nock-restore.ts keeps each file's nock to itself), and its admin. */
export const SHOP = 'https://acme.myshopify.com';
export const ADMIN = 'https://admin.shopify.com/store/acme';

/** One GraphQL request the connector sent: its operation name, document and variables. */
export interface Sent {
  operation: string | undefined;
  query: string;
  variables: Record<string, any>;
}

/** The Shopify connector for SHOP on an API version. */
export function createShopify(apiVersion = '2025-10'): Connector {
  const options = shopifyConnector.optionsSchema.parse({
    shop: 'acme.myshopify.com',
    accessToken: 'shpat_test',
    apiVersion,
  });
  return shopifyConnector.create(options, { id: 'shopify', logger: { debug() {}, warn() {} } });
}

/** Intercepts one GraphQL POST, records the document and variables, answers with `status`/`body`. */
export function answerGraphql(sent: Sent[], body: Json, status = 200, apiVersion = '2025-10') {
  return nock(SHOP)
    .post(`/admin/api/${apiVersion}/graphql.json`)
    .reply((_uri, requestBody) => {
      const json = (typeof requestBody === 'string' ? JSON.parse(requestBody) : requestBody) as {
        query: string;
        variables: Record<string, unknown>;
      };
      const op = parse(json.query).definitions[0] as OperationDefinitionNode;
      sent.push({ operation: op.name?.value, query: json.query, variables: json.variables });
      return [
        status,
        typeof body === 'string' ? body : JSON.stringify(body),
        { 'Content-Type': 'application/json' },
      ];
    });
}
