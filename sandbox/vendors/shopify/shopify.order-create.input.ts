import { MAILING_ADDRESS_INPUT } from './shopify.address';
import {
  BOOLEAN,
  CURRENCY_CODE,
  DATE_TIME,
  enumOf,
  ID,
  INT,
  list,
  MONEY_INPUT,
  object,
  required,
  STRING,
  UNSIMULATED,
} from './shopify.input';

/** https://shopify.dev/docs/api/admin-graphql/latest/enums/OrderCreateFinancialStatus */
const FINANCIAL_STATUS = enumOf('OrderCreateFinancialStatus', [
  'AUTHORIZED',
  'EXPIRED',
  'PAID',
  'PARTIALLY_PAID',
  'PARTIALLY_REFUNDED',
  'PENDING',
  'REFUNDED',
  'VOIDED',
]);
const MONEY_BAG_INPUT = object('MoneyBagInput', {
  shopMoney: required(MONEY_INPUT),
  presentmentMoney: MONEY_INPUT,
});
const unsimulated = (...names: string[]) => Object.fromEntries(names.map((n) => [n, UNSIMULATED]));

/** https://shopify.dev/docs/api/admin-graphql/latest/input-objects/OrderCreateLineItemInput */
const LINE_ITEM_INPUT = object('OrderCreateLineItemInput', {
  variantId: ID,
  productId: ID,
  title: STRING,
  variantTitle: STRING,
  sku: STRING,
  vendor: STRING,
  quantity: required(INT),
  requiresShipping: BOOLEAN,
  priceSet: MONEY_BAG_INPUT,
  // No taxes nor gift cards in the sandbox: taken, and change nothing.
  taxable: BOOLEAN,
  giftCard: BOOLEAN,
  ...unsimulated('fulfillmentService', 'properties', 'taxLines', 'weight'),
});

/** https://shopify.dev/docs/api/admin-graphql/latest/input-objects/OrderCreateOrderInput */
const ORDER_INPUT = object('OrderCreateOrderInput', {
  currency: CURRENCY_CODE,
  presentmentCurrency: CURRENCY_CODE,
  customer: object('OrderCreateCustomerInput', {
    toAssociate: object('OrderCreateAssociateCustomerAttributesInput', { id: ID, email: STRING }),
    toUpsert: UNSIMULATED,
  }),
  customerId: ID,
  email: STRING,
  phone: STRING,
  shippingAddress: MAILING_ADDRESS_INPUT,
  billingAddress: MAILING_ADDRESS_INPUT,
  lineItems: list(required(LINE_ITEM_INPUT)),
  financialStatus: FINANCIAL_STATUS,
  note: STRING,
  tags: list(required(STRING)),
  sourceIdentifier: STRING,
  processedAt: DATE_TIME,
  test: BOOLEAN,
  buyerAcceptsMarketing: BOOLEAN,
  ...unsimulated(
    'closedAt',
    'companyLocationId',
    'customAttributes',
    'discountCode',
    'fulfillment',
    'fulfillmentStatus',
    'metafields',
    'name',
    'poNumber',
    'referringSite',
    'shippingLines',
    'sourceName',
    'sourceUrl',
    'taxesIncluded',
    'taxLines',
    'transactions',
    'userId',
  ),
});

/** Inventory is not kept: every behaviour is taken and claims nothing. Receipts are never sent. */
const OPTIONS_INPUT = object('OrderCreateOptionsInput', {
  inventoryBehaviour: enumOf('OrderCreateInputsInventoryBehavior', [
    'BYPASS',
    'DECREMENT_IGNORING_POLICY',
    'DECREMENT_OBEYING_POLICY',
  ]),
  sendReceipt: BOOLEAN,
  sendFulfillmentReceipt: BOOLEAN,
});

/** MoneyInput as the sandbox reads it once checked. */
export type PriceInput = { amount: string; currencyCode: string };
/**
 * OrderCreateOrderInput as the sandbox reads it once checked against ORDER_INPUT; any optional
 * field may also be null (JSON null), which means the same as leaving it out.
 */
export type OrderCreateInput = Record<string, unknown> & {
  currency?: string | null;
  presentmentCurrency?: string | null;
  customer?: { toAssociate?: { id?: string | null; email?: string | null } | null } | null;
  customerId?: string | null;
  email?: string | null;
  phone?: string | null;
  shippingAddress?: Record<string, string | null> | null;
  billingAddress?: Record<string, string | null> | null;
  lineItems?:
    | (Record<string, unknown> & {
        quantity: number;
        priceSet?: { shopMoney: PriceInput; presentmentMoney?: PriceInput | null } | null;
      })[]
    | null;
  financialStatus?: string | null;
  note?: string | null;
  tags?: string[] | null;
  sourceIdentifier?: string | null;
  processedAt?: string | null;
  test?: boolean | null;
};

/** The arguments of `orderCreate`. */
export const ORDER_CREATE_ARGUMENTS = { order: required(ORDER_INPUT), options: OPTIONS_INPUT };
