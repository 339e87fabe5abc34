import { type FieldNode } from 'graphql';
import { Connection } from '../../graphql/connection';
import { unknownRootField, type RootResolver } from '../../graphql/graphql.executor';
import { CUSTOMER_FILTERS, ORDER_FILTERS, search, type SearchWarning } from './shopify.search';
import { type ShopifyObject, type ShopifyView } from './shopify.view';

/** Sort keys the sandbox honours (OrderSortKeys / CustomerSortKeys); the default is ID. */
const SORT_FIELDS: Record<string, string> = {
  ID: 'legacyResourceId',
  CREATED_AT: 'createdAt',
  PROCESSED_AT: 'processedAt',
  UPDATED_AT: 'updatedAt',
};

export interface SearchReport {
  path: string[];
  query: string;
  warnings: SearchWarning[];
}

/** Root fields that read one object by global id, and the type each returns (`node`: any). */
const BY_ID: Record<string, string | null> = {
  order: 'Order',
  customer: 'Customer',
  productVariant: 'ProductVariant',
  storeCreditAccount: 'StoreCreditAccount',
  node: null,
};

/**
 * QueryRoot fields: `orders`, `customers` (with `query` search, `sortKey`, `reverse`), `order`,
 * `customer`, `productVariant`, `storeCreditAccount`, `node` by global id, and `shop`. Anything
 * else is an unknown field.
 */
export function shopifyRoot(view: ShopifyView, searches: SearchReport[]): RootResolver {
  return (name: string, args: Record<string, unknown>, field: FieldNode) => {
    switch (name) {
      case 'shop':
        return view.shop;
      case 'orders':
        return list(view.orders, 'OrderConnection', ORDER_FILTERS, args, name, searches);
      case 'customers':
        return list(view.customers, 'CustomerConnection', CUSTOMER_FILTERS, args, name, searches);
      default: {
        if (!Object.hasOwn(BY_ID, name)) return unknownRootField(name, field);
        const found = view.byId.get(String(args.id));
        const wanted = BY_ID[name];
        return found && (!wanted || found.__typename === wanted) ? found : null;
      }
    }
  };
}

function list(
  items: ShopifyObject[],
  typename: string,
  filters: Parameters<typeof search>[2],
  args: Record<string, unknown>,
  name: string,
  searches: SearchReport[],
): Connection<ShopifyObject> {
  const query = typeof args.query === 'string' ? args.query : undefined;
  const { matches, warnings } = search(items, query, filters);
  if (query && warnings.length) searches.push({ path: [name], query, warnings });
  const key = SORT_FIELDS[String(args.sortKey ?? 'ID')] ?? 'legacyResourceId';
  if (key !== 'legacyResourceId') matches.sort((a, b) => String(a[key]).localeCompare(String(b[key])));
  if (args.reverse === true) matches.reverse();
  return new Connection(typename, matches);
}
