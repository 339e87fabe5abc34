import { Connection } from '../../graphql/connection';
import { capturedAmount } from '../../world/payment.builder';
import { type Address, type Customer, type Order, type World } from '../../world/world.types';
import { VARIANTS, variantBySku } from './shopify.catalog';
import { fulfillmentsView } from './shopify.fulfillments.view';
import { mailingAddressView } from './shopify.address';
import { gid, ids } from './shopify.ids';
import { moneyBag, moneyV2 } from './shopify.money';
import { refundsView, returnsView, transactionsView } from './shopify.payments.view';
import {
  displayFinancialStatus,
  displayFulfillmentStatus,
  fulfilledQuantities,
  refundedAmount,
} from './shopify.status';

export type ShopifyObject = { __typename: string; id: string } & Record<string, unknown>;

/**
 * The world as Shopify's GraphQL Admin API shows it, built once at start; mutations change its
 * objects in place (shopify.order-writes.ts) and a sandbox reset builds it again.
 */
export interface ShopifyView {
  shop: ShopifyObject;
  orders: ShopifyObject[];
  customers: ShopifyObject[];
  byId: Map<string, ShopifyObject>;
  /** World orders alongside their view, for the sandbox's own listing. */
  worldOrders: Order[];
  /** The highest order number the shop has used (`orderCreate` takes the next one). */
  lastOrderNumber: number;
}

export const SHOPIFY_DOMAIN_SUFFIX = '.myshopify.com';

export function buildShopifyView(world: World): ShopifyView {
  const worldOrders = world.orders.filter((o) => !o.omsMissing);
  const customers = new Map(world.customers.map((c) => [c.id, customerView(c, worldOrders)]));
  const orders = worldOrders.map((o) => {
    const customer = world.customers.find((c) => c.id === o.customerId);
    return orderView(o, customer, customers.get(o.customerId) ?? null);
  });
  const shop: ShopifyObject = {
    __typename: 'Shop',
    id: gid('Shop', 1),
    name: world.shop.name,
    email: world.shop.email,
    contactEmail: world.shop.email,
    currencyCode: world.shop.currency,
    myshopifyDomain: `${world.shop.handle}${SHOPIFY_DOMAIN_SUFFIX}`,
    ianaTimezone: 'America/New_York',
    primaryDomain: {
      __typename: 'Domain',
      host: `${world.shop.handle}${SHOPIFY_DOMAIN_SUFFIX}`,
      url: `https://${world.shop.handle}${SHOPIFY_DOMAIN_SUFFIX}`,
    },
  };
  const all = [...orders, ...customers.values(), ...VARIANTS];
  return {
    shop,
    orders,
    customers: [...customers.values()],
    byId: new Map(all.map((o) => [o.id, o])),
    worldOrders,
    // Orders only the warehouse has still took their number from the shop's sequence.
    lastOrderNumber: Math.max(0, ...world.orders.map((o) => o.number)),
  };
}

/** https://shopify.dev/docs/api/admin-graphql/latest/objects/Order (also what `orderCreate` builds). */
export function orderView(
  order: Order,
  customer: Customer | undefined,
  customerObject: ShopifyObject | null,
): ShopifyObject {
  const c = order.currency;
  const done = fulfilledQuantities(order);
  const refundedUnits = new Map<number, number>();
  for (const r of order.refunds.filter((r) => r.status === 'succeeded'))
    for (const l of r.lines)
      refundedUnits.set(l.lineItemId, (refundedUnits.get(l.lineItemId) ?? 0) + l.quantity);
  const lineItems = order.lineItems.map((l) => ({
    __typename: 'LineItem',
    id: gid('LineItem', l.id),
    name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
    title: l.title,
    variantTitle: l.variantTitle ?? null,
    sku: l.sku,
    vendor: 'Context Hub Goods',
    quantity: l.quantity,
    currentQuantity: l.quantity - (refundedUnits.get(l.id) ?? 0),
    unfulfilledQuantity: order.cancellation ? 0 : Math.max(0, l.quantity - (done.get(l.id) ?? 0)),
    requiresShipping: l.requiresShipping,
    variant: variantBySku(l.sku),
    originalUnitPriceSet: moneyBag(l.unitPrice, c),
    originalTotalSet: moneyBag(l.unitPrice * l.quantity, c),
  }));
  const lineItemsById = new Map(order.lineItems.map((l, i) => [l.id, lineItems[i] as object]));
  const { transactions, refundTx } = transactionsView(order, customer);
  const captured = order.payments.reduce((sum, p) => sum + capturedAmount(p), 0);
  const refunded = refundedAmount(order);
  const address = mailingAddress(order.shippingAddress, customer);
  return {
    __typename: 'Order',
    ...ids('Order', order.number),
    name: `#${order.number}`,
    email: order.email,
    phone: order.phone ?? null,
    createdAt: order.placedAt,
    processedAt: order.placedAt,
    updatedAt: order.updatedAt,
    cancelledAt: order.cancellation?.at ?? null,
    cancelReason: order.cancellation?.reason.toUpperCase() ?? null,
    cancellation: order.cancellation ? { __typename: 'OrderCancellation', staffNote: null } : null,
    closed: Boolean(order.closedAt),
    closedAt: order.closedAt ?? null,
    confirmed: true,
    test: false,
    displayFinancialStatus: displayFinancialStatus(order),
    displayFulfillmentStatus: displayFulfillmentStatus(order),
    currencyCode: c,
    presentmentCurrencyCode: c,
    tags: order.tags,
    note: order.note ?? null,
    sourceIdentifier: null,
    fullyPaid: captured >= order.total,
    subtotalPriceSet: moneyBag(order.itemsTotal - order.discount, c),
    totalShippingPriceSet: moneyBag(order.shipping, c),
    totalTaxSet: moneyBag(order.tax, c),
    totalDiscountsSet: moneyBag(order.discount, c),
    totalPriceSet: moneyBag(order.total, c),
    currentTotalPriceSet: moneyBag(order.total - refunded, c),
    totalReceivedSet: moneyBag(captured, c),
    totalRefundedSet: moneyBag(refunded, c),
    totalOutstandingSet: moneyBag(order.cancellation ? 0 : Math.max(0, order.total - captured), c),
    customer: customerObject,
    shippingAddress: address,
    billingAddress: address,
    lineItems: new Connection('LineItemConnection', lineItems),
    fulfillments: fulfillmentsView(order, lineItemsById),
    transactions,
    refunds: refundsView(order, lineItemsById, refundTx),
    returns: returnsView(order, lineItemsById),
    risk: riskView(order),
  };
}

/** https://shopify.dev/docs/api/admin-graphql/latest/objects/OrderRiskSummary */
function riskView(order: Order) {
  return {
    __typename: 'OrderRiskSummary',
    recommendation: order.risk.recommendation.toUpperCase(),
    assessments: [
      {
        __typename: 'OrderRiskAssessment',
        riskLevel: order.risk.level.toUpperCase(),
        provider: null,
        facts: order.risk.facts.map((description) => ({
          __typename: 'RiskFact',
          description,
          sentiment: 'NEGATIVE',
        })),
      },
    ],
  };
}

function mailingAddress(a: Address, customer: Customer | undefined) {
  return mailingAddressView({
    name: a.name,
    firstName: customer?.firstName ?? null,
    lastName: customer?.lastName ?? null,
    company: a.company ?? null,
    address1: a.line1,
    address2: a.line2 ?? null,
    city: a.city,
    province: a.region ?? null,
    provinceCode: a.regionCode ?? null,
    zip: a.postalCode,
    country: a.country,
    countryCode: a.countryCode,
    phone: a.phone ?? null,
  });
}

/** https://shopify.dev/docs/api/admin-graphql/latest/objects/Customer */
function customerView(customer: Customer, orders: Order[]): ShopifyObject {
  const own = orders.filter((o) => o.customerId === customer.id);
  const spent = own.reduce(
    (sum, o) => sum + o.payments.reduce((s, p) => s + capturedAmount(p), 0) - refundedAmount(o),
    0,
  );
  const updatedAt = own.reduce(
    (latest, o) => (o.updatedAt > latest ? o.updatedAt : latest),
    customer.createdAt,
  );
  return {
    __typename: 'Customer',
    ...ids('Customer', customer.id),
    firstName: customer.firstName,
    lastName: customer.lastName,
    displayName: `${customer.firstName} ${customer.lastName}`,
    email: customer.email,
    phone: customer.phone,
    createdAt: customer.createdAt,
    updatedAt,
    tags: customer.tags,
    note: customer.note ?? null,
    state: 'ENABLED',
    verifiedEmail: true,
    locale: 'en',
    // UnsignedInt64 is serialized as a string.
    numberOfOrders: String(own.length),
    amountSpent: moneyV2(spent, customer.currency),
    defaultAddress: mailingAddress(customer.address, customer),
    // Opened by `storeCreditAccountCredit` (shopify.store-credit.ts); none at start.
    storeCreditAccounts: new Connection('StoreCreditAccountConnection', []),
  };
}
