import { Connection } from '../../graphql/connection';
import { type Product } from '../../world/products.data';
import { type Address, type CurrencyCode, type LineItem, type Order } from '../../world/world.types';
import { type mailingAddressView } from './shopify.address';
import { type OrderObject, type WriteContext } from './shopify.order-writes';
import { orderView, type ShopifyObject, type ShopifyView } from './shopify.view';

/** One line of an order `orderCreate` accepted, priced in minor units of each currency. */
export interface NewLine {
  product?: Product;
  variantId?: string;
  title: string;
  variantTitle?: string;
  sku: string | null;
  vendor: string | null;
  quantity: number;
  requiresShipping: boolean;
  shopPrice: number;
  presentmentPrice: number;
}

/** An order `orderCreate` accepted (shopify.order-create.ts), before it has an id. */
export interface NewOrder {
  currency: CurrencyCode;
  presentment: CurrencyCode;
  customer: ShopifyObject | null;
  email: string | null;
  phone: string | null;
  shippingAddress: ReturnType<typeof mailingAddressView> | null;
  billingAddress: ReturnType<typeof mailingAddressView> | null;
  lines: NewLine[];
  financialStatus?: string;
  note: string | null;
  tags: string[];
  sourceIdentifier: string | null;
  processedAt: string | null;
  test: boolean;
}

/** Id ranges clear of the world's line items and payments (which count from 1). */
const LINE_ITEM_BASE = 900_000;
const PAYMENT_BASE = 900_000;
/** The view's addresses come from the input, not from a world address. */
const NO_ADDRESS: Address = { name: '', line1: '', city: '', postalCode: '', countryCode: '', country: '' };

/**
 * The Order object of a created order, built by the same code as the world's orders (so it has
 * every field they have), then added to the Shopify view: `orders` (searches), `order`, `node`.
 * It is UNFULFILLED, its totals are its lines' (no shipping, tax or discount), and a PAID order
 * with something to pay has one manual SALE. Nothing reaches the world or any other vendor.
 */
export function buildNewOrder(planned: NewOrder, view: ShopifyView, ctx: WriteContext): OrderObject {
  const number = view.lastOrderNumber + 1;
  const n = ctx.nextId();
  const neutral = (currency: CurrencyCode, price: (line: NewLine) => number): Order => {
    const lineItems: LineItem[] = planned.lines.map((l, i) => ({
      id: LINE_ITEM_BASE + n * 100 + i,
      sku: l.sku ?? '',
      title: l.title,
      variantTitle: l.variantTitle,
      quantity: l.quantity,
      unitPrice: price(l),
      requiresShipping: l.requiresShipping,
    }));
    const total = lineItems.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
    const paid = planned.financialStatus === 'PAID' && total > 0;
    return {
      number,
      scenario: 'created by orderCreate',
      customerId: 0,
      email: planned.email ?? '',
      currency,
      placedAt: ctx.at,
      updatedAt: ctx.at,
      lineItems,
      itemsTotal: total,
      discount: 0,
      shipping: 0,
      tax: 0,
      total,
      shippingAddress: NO_ADDRESS,
      tags: planned.tags,
      ...(planned.note !== null ? { note: planned.note } : {}),
      warehouse: 'unsubmitted',
      risk: { level: 'none', recommendation: 'none', facts: [] },
      parcels: [],
      payments: paid
        ? [
            {
              id: PAYMENT_BASE + n,
              gateway: 'manual',
              method: { type: 'bank_transfer' },
              amount: total,
              createdAt: ctx.at,
              capture: 'automatic',
              outcome: 'succeeded',
              captures: [],
              providerRef: '',
            },
          ]
        : [],
      refunds: [],
      returns: [],
    };
  };
  const shop = neutral(planned.currency, (l) => l.shopPrice);
  const order = orderView(shop, undefined, planned.customer) as OrderObject;
  if (planned.presentment !== planned.currency) {
    const shown = orderView(
      neutral(planned.presentment, (l) => l.presentmentPrice),
      undefined,
      null,
    );
    copyPresentmentMoney(order, shown, new Set());
  }
  Object.assign(order, {
    email: planned.email,
    phone: planned.phone,
    processedAt: planned.processedAt ?? ctx.at,
    test: planned.test,
    presentmentCurrencyCode: planned.presentment,
    shippingAddress: planned.shippingAddress,
    billingAddress: planned.billingAddress,
    sourceIdentifier: planned.sourceIdentifier,
    // Shopify takes the status it is given; without one, an order with nothing to pay is paid.
    displayFinancialStatus: planned.financialStatus ?? (shop.total === 0 ? 'PAID' : 'PENDING'),
  });
  order.lineItems.nodes.forEach((node, i) => {
    const line = planned.lines[i];
    Object.assign(node, {
      sku: line.sku,
      variant: line.variantId ? (view.byId.get(line.variantId) ?? null) : null,
      ...(line.vendor ? { vendor: line.vendor } : {}),
    });
  });
  view.lastOrderNumber = number;
  view.orders.push(order);
  view.byId.set(order.id, order);
  if (planned.customer) {
    planned.customer.numberOfOrders = String(Number(planned.customer.numberOfOrders) + 1);
    planned.customer.updatedAt = ctx.at;
  }
  return order;
}

/** Puts the presentment amounts of `shown` (the same order priced in the presentment currency) into `order`'s MoneyBags. */
function copyPresentmentMoney(order: unknown, shown: unknown, seen: Set<object>): void {
  if (!order || !shown || typeof order !== 'object' || typeof shown !== 'object' || seen.has(order)) return;
  seen.add(order);
  if (order instanceof Connection && shown instanceof Connection) {
    order.nodes.forEach((node, i) => copyPresentmentMoney(node, shown.nodes[i], seen));
    return;
  }
  const target = order as Record<string, unknown>;
  const source = shown as Record<string, unknown>;
  if (target.__typename === 'MoneyBag') {
    target.presentmentMoney = source.presentmentMoney;
    return;
  }
  for (const key of Object.keys(target))
    if (key !== 'customer') copyPresentmentMoney(target[key], source[key], seen);
}
