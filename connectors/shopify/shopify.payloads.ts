import { z } from 'zod';

/**
 * Shopify's GraphQL Admin replies: every field connectors/shopify/shopify.queries.ts selects,
 * declared with its GraphQL type; unknown fields pass through (loose objects: Shopify adds fields
 * in new API versions). The connector parses each reply with these, and mappings/shopify/*.yaml
 * may read only what `orderSchema` and `customerSchema` declare (checked at boot).
 * Enums are read as text: a value Shopify adds later reaches the mapping's tables.
 * Types: https://shopify.dev/docs/api/admin-graphql/latest/objects/Order and .../objects/Customer
 */
const text = z.string().nullish();
const count = z.number().int().nullish();
/**
 * UnsignedInt64 and Decimal arrive as strings ("5901234567890", "12.5").
 * https://shopify.dev/docs/api/admin-graphql/latest/scalars
 */
const uint64 = z.string().nullish();
const decimal = z.string().nullish();
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();
/** A connection read through `nodes`. */
const connection = <T extends z.ZodType>(node: T) => z.looseObject({ nodes: list(node) }).nullish();

/** MoneyV2: a Decimal amount in its currency. */
const money = z.looseObject({ amount: decimal, currencyCode: text });
/** MoneyBag, of which the hub reads the shop's currency. */
const moneyBag = z.looseObject({ shopMoney: money.nullish() }).nullish();

const mailingAddress = z.looseObject({
  name: text,
  company: text,
  address1: text,
  address2: text,
  city: text,
  province: text,
  provinceCode: text,
  zip: text,
  countryCodeV2: text,
  phone: text,
});

const lineItem = z.looseObject({
  id: text,
  sku: text,
  title: text,
  variantTitle: text,
  quantity: count,
  unfulfilledQuantity: count,
  originalUnitPriceSet: moneyBag,
});

const fulfillmentEvent = z.looseObject({
  id: text,
  /** FulfillmentEventStatus. */
  status: text,
  happenedAt: text,
  message: text,
  city: text,
  province: text,
  country: text,
});

const fulfillment = z.looseObject({
  id: text,
  legacyResourceId: uint64,
  name: text,
  /** FulfillmentStatus. */
  status: text,
  /** FulfillmentDisplayStatus. */
  displayStatus: text,
  createdAt: text,
  updatedAt: text,
  inTransitAt: text,
  deliveredAt: text,
  estimatedDeliveryAt: text,
  trackingInfo: list(z.looseObject({ company: text, number: text, url: text })),
  fulfillmentLineItems: connection(
    z.looseObject({ quantity: count, lineItem: z.looseObject({ sku: text }).nullish() }),
  ),
  events: connection(fulfillmentEvent),
});

/**
 * The PaymentDetails union: `company` and `number` are selected on CardPaymentDetails only; any
 * other member arrives as its `__typename` alone.
 */
const paymentDetails = z.union([
  z.looseObject({ __typename: z.literal('CardPaymentDetails'), company: text, number: text }),
  z.looseObject({ __typename: text }),
]);

const transaction = z.looseObject({
  id: text,
  /** OrderTransactionKind: SALE, AUTHORIZATION, CAPTURE, VOID, REFUND, … */
  kind: text,
  /** OrderTransactionStatus. */
  status: text,
  gateway: text,
  createdAt: text,
  processedAt: text,
  amountSet: moneyBag,
  parentTransaction: z.looseObject({ id: text }).nullish(),
  paymentDetails: paymentDetails.nullish(),
});

/** The Customer fields both the order's `customer` and the customer search select. */
const person = {
  legacyResourceId: uint64,
  email: text,
  phone: text,
  firstName: text,
  lastName: text,
  displayName: text,
};

/** The buyer on an order, with their tags (a VIP's order is told apart on the bot path too). */
const orderCustomer = z.looseObject({ id: text, ...person, tags: z.array(z.string()).nullish() });

/** An `Order` node as ORDER_FIELDS (shopify.queries.ts) selects it: the `order` record. */
export const orderSchema = z.looseObject({
  id: z.string(),
  legacyResourceId: uint64,
  /** "#1001": the connector keeps only the node whose name is exactly the one asked for. */
  name: z.string(),
  email: text,
  phone: text,
  createdAt: text,
  processedAt: text,
  updatedAt: text,
  cancelledAt: text,
  closedAt: text,
  /** OrderCancelReason. */
  cancelReason: text,
  /** OrderDisplayFinancialStatus. */
  displayFinancialStatus: text,
  /** OrderDisplayFulfillmentStatus. */
  displayFulfillmentStatus: text,
  currencyCode: text,
  tags: list(z.string()),
  note: text,
  subtotalPriceSet: moneyBag,
  totalShippingPriceSet: moneyBag,
  totalTaxSet: moneyBag,
  totalDiscountsSet: moneyBag,
  totalPriceSet: moneyBag,
  totalRefundedSet: moneyBag,
  customer: orderCustomer.nullish(),
  shippingAddress: mailingAddress.nullish(),
  lineItems: connection(lineItem),
  fulfillments: list(fulfillment),
  transactions: list(transaction),
  refunds: list(z.looseObject({ id: text, createdAt: text, note: text, totalRefundedSet: moneyBag })),
  /** ReturnStatus per return. */
  returns: connection(z.looseObject({ id: text, name: text, status: text })),
  /** OrderRiskSummary: OrderRiskRecommendationResult and RiskAssessmentResult levels. */
  risk: z
    .looseObject({ recommendation: text, assessments: list(z.looseObject({ riskLevel: text })) })
    .nullish(),
});
export type ShopifyOrder = z.infer<typeof orderSchema>;

/** A `Customer` node as CUSTOMER_FIELDS (shopify.queries.ts) selects it: the `customer` record. */
export const customerSchema = z.looseObject({
  id: z.string(),
  ...person,
  createdAt: text,
  tags: list(z.string()),
  numberOfOrders: uint64,
  amountSpent: money.nullish(),
});
export type ShopifyCustomer = z.infer<typeof customerSchema>;

export const ordersReplySchema = z.object({ orders: z.object({ nodes: z.array(orderSchema) }) });

export const customersReplySchema = z.object({
  customers: z.object({ nodes: z.array(customerSchema) }),
});

export const shopReplySchema = z.object({ shop: z.looseObject({ name: z.string() }) });

/** `extensions.cost` on every GraphQL reply. https://shopify.dev/docs/api/usage/rate-limits */
export const costSchema = z.object({
  requestedQueryCost: z.number(),
  actualQueryCost: z.number().nullish(),
  throttleStatus: z.object({
    maximumAvailable: z.number(),
    currentlyAvailable: z.number(),
    restoreRate: z.number(),
  }),
});
export type QueryCost = z.infer<typeof costSchema>;
