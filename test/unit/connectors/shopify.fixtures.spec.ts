import { type FieldNode, type InlineFragmentNode, parse, type SelectionSetNode } from 'graphql';
import {
  ORDER_CANCEL,
  ORDER_FOR_ACTION,
  ORDER_UPDATE_NOTE,
  refundCreateDocument,
} from '../../../connectors/shopify/shopify.mutations';
import { CUSTOMERS_BY_EMAIL, ORDER_BY_NAME } from '../../../connectors/shopify/shopify.queries';
import {
  ORDER_CREATE,
  ORDER_FOR_REPLACEMENT,
  ORDER_FOR_STORE_CREDIT,
  STORE_CREDIT_ACCOUNT_CREDIT,
} from '../../../connectors/shopify/shopify.remedy-mutations';
import { type Json, shopifyReply, type ShopifyFixture } from '../../fixtures/shopify';

/**
 * The fixtures stand in for Shopify in the mapping and connector tests, so they must hold exactly
 * what the connector's queries select: no field the query does not ask for (a mapping that reads it
 * would pass here and get nothing in production), and every field it does ask for.
 */
function problems(value: Json, selection: SelectionSetNode | undefined, path: string): string[] {
  if (value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => problems(item, selection, `${path}[${i}]`));
  if (!selection) {
    return typeof value === 'object' ? [`${path}: a leaf field holds an object`] : [];
  }
  if (typeof value !== 'object') return [`${path}: expected an object, got ${JSON.stringify(value)}`];

  const required = new Map<string, FieldNode>();
  const allowed = new Map<string, FieldNode>();
  for (const node of selection.selections) {
    if (node.kind === 'Field') {
      // A reply holds a field under its alias when it has one (`placed: orders(...)`).
      const key = node.alias?.value ?? node.name.value;
      required.set(key, node);
      allowed.set(key, node);
    } else if (node.kind === 'InlineFragment') {
      const fragment = node as InlineFragmentNode;
      const applies = fragment.typeCondition?.name.value === value.__typename;
      for (const inner of fragment.selectionSet.selections) {
        if (inner.kind !== 'Field') continue;
        const key = inner.alias?.value ?? inner.name.value;
        allowed.set(key, inner);
        if (applies) required.set(key, inner);
      }
    }
  }
  const out: string[] = [];
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) out.push(`${path}.${key}: not selected by the query`);
  }
  for (const [key, field] of required) {
    if (!(key in value)) out.push(`${path}.${key}: selected but missing`);
    else out.push(...problems(value[key], field.selectionSet, `${path}.${key}`));
  }
  return out;
}

function replySelection(document: string): SelectionSetNode {
  const operation = parse(document).definitions[0];
  if (operation.kind !== 'OperationDefinition') throw new Error('expected an operation');
  return operation.selectionSet;
}

const COST = {
  requestedQueryCost: expect.any(Number),
  actualQueryCost: expect.any(Number),
  throttleStatus: {
    maximumAvailable: expect.any(Number),
    currentlyAvailable: expect.any(Number),
    restoreRate: expect.any(Number),
  },
};

describe('Shopify fixtures match the connector queries', () => {
  const orders: ShopifyFixture[] = [
    'order-usd-multi-fulfillment',
    'order-jpy',
    'order-partially-refunded',
    'order-cancelled-high-risk',
    'order-unknown-enums',
  ];

  it.each(orders)('%s holds exactly the OrderByName selection', (name) => {
    const reply = shopifyReply(name);
    expect(problems(reply.data, replySelection(ORDER_BY_NAME), 'data')).toEqual([]);
    expect(reply.extensions.cost).toEqual(COST);
    expect(reply.data.orders.nodes.length).toBeGreaterThan(0);
  });

  it('customers holds exactly the CustomersByEmail selection', () => {
    const reply = shopifyReply('customers');
    expect(problems(reply.data, replySelection(CUSTOMERS_BY_EMAIL), 'data')).toEqual([]);
    expect(reply.extensions.cost).toEqual(COST);
  });

  it('throttled is a THROTTLED error reply with the bucket state', () => {
    const reply = shopifyReply('throttled');
    expect(reply.data).toBeUndefined();
    expect(reply.errors[0].extensions.code).toBe('THROTTLED');
    expect(reply.extensions.cost).toEqual({ ...COST, actualQueryCost: null });
  });

  it('the checker itself rejects an unselected and a missing field', () => {
    const reply = shopifyReply('order-jpy');
    const order = reply.data.orders.nodes[0];
    order.presentmentCurrencyCode = 'EUR';
    delete order.legacyResourceId;
    expect(problems(reply.data, replySelection(ORDER_BY_NAME), 'data')).toEqual([
      'data.orders.nodes[0].presentmentCurrencyCode: not selected by the query',
      'data.orders.nodes[0].legacyResourceId: selected but missing',
    ]);
  });
});

describe('Shopify action fixtures match the action documents', () => {
  it.each([
    ['order-for-action', ORDER_FOR_ACTION],
    ['order-cancel', ORDER_CANCEL],
    ['refund-create', refundCreateDocument('act-1')],
    ['order-update', ORDER_UPDATE_NOTE],
    ['order-for-replacement', ORDER_FOR_REPLACEMENT],
    ['order-create', ORDER_CREATE],
    ['order-for-store-credit', ORDER_FOR_STORE_CREDIT],
    ['store-credit-credit', STORE_CREDIT_ACCOUNT_CREDIT],
  ] as const)('%s holds exactly its document’s selection', (name, document) => {
    const reply = shopifyReply(name);
    expect(problems(reply.data, replySelection(document), 'data')).toEqual([]);
    expect(reply.extensions.cost).toEqual(COST);
  });
});
