import { type FieldNode } from 'graphql';
import { priceIn } from '../../world/currency.util';
import { type CurrencyCode } from '../../world/world.types';
import { hubMarkers, hubTagMarkers } from '../../writes/write.ledger';
import { addressFromInput } from './shopify.address';
import { productOfVariant } from './shopify.catalog';
import { checkArguments } from './shopify.input';
import { isShopCurrency, roundedMinorOf } from './shopify.money';
import {
  ORDER_CREATE_ARGUMENTS,
  type OrderCreateInput as Input,
  type PriceInput as Money,
} from './shopify.order-create.input';
import { buildNewOrder, type NewLine, type NewOrder } from './shopify.new-order';
import { type OrderObject, type WriteContext } from './shopify.order-writes';
import { type ShopifyObject, type ShopifyView } from './shopify.view';

type UserError = { __typename: 'OrderCreateUserError'; field: string[]; message: string; code: string };

export interface OrderCreateDeps {
  view: ShopifyView;
  ctx: WriteContext;
  record(order: OrderObject, key: string | undefined): void;
}

/** Shopify's limit on one tag. */
const TAG_MAX = 40;
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/**
 * `orderCreate(order:, options:)`: a new order, named after the shop's last one, readable at once by
 * every read of the Shopify view (and by no other vendor). Refusals are `userErrors` with Shopify's
 * OrderCreateUserErrorCode, all of them at once; a malformed argument is a GraphQL error.
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderCreate
 */
export function orderCreate(
  deps: OrderCreateDeps,
  args: Record<string, unknown>,
  field: FieldNode,
  variables: Record<string, unknown>,
) {
  checkArguments(field, args, ORDER_CREATE_ARGUMENTS, variables);
  const errors: UserError[] = [];
  const refuse = (path: (string | number)[], message: string, code = 'INVALID') =>
    errors.push({ __typename: 'OrderCreateUserError', field: ['order', ...path.map(String)], message, code });
  const planned = plan(args.order as Input, deps.view, deps.ctx.at, refuse);
  if (errors.length || !planned) return { __typename: 'OrderCreatePayload', order: null, userErrors: errors };
  const order = buildNewOrder(planned, deps.view, deps.ctx);
  deps.record(order, hubMarkers(planned.note).at(-1) ?? hubTagMarkers(planned.tags).at(-1));
  return { __typename: 'OrderCreatePayload', order, userErrors: [] };
}

/** What the order will be, or undefined after `refuse` was told why not. */
function plan(
  input: Input,
  view: ShopifyView,
  now: string,
  refuse: (path: (string | number)[], message: string, code?: string) => void,
): NewOrder | undefined {
  const currency = input.currency ?? view.shop.currencyCode;
  const presentment = input.presentmentCurrency ?? currency;
  if (!isShopCurrency(currency))
    refuse(['currency'], `Currency ${String(currency)} is not enabled on this shop`);
  if (input.presentmentCurrency != null && !isShopCurrency(presentment))
    refuse(['presentmentCurrency'], `Currency ${String(presentment)} is not enabled on this shop`);
  const customer = customerOf(input, view, refuse);
  const email = input.customer?.toAssociate?.email ?? input.email ?? (customer?.email as string | undefined);
  if (email !== undefined && !EMAIL.test(email)) refuse(['email'], 'Email is invalid');
  const tags = [...new Set((input.tags ?? []).map((t) => t.trim()).filter(Boolean))];
  if (tags.some((t) => t.length > TAG_MAX))
    refuse(['tags'], `Tags can't be longer than ${TAG_MAX} characters each`);
  if (input.processedAt && Date.parse(input.processedAt) > Date.parse(now))
    refuse(['processedAt'], "Processed at can't be in the future", 'PROCESSED_AT_INVALID');
  const lines = input.lineItems ?? [];
  if (!lines.length) refuse(['lineItems'], 'An order must have at least one line item');
  if (!isShopCurrency(currency) || !isShopCurrency(presentment)) return undefined;
  const planned = lines.map((line, i) =>
    lineOf(line, currency, presentment, (f, m) => refuse(['lineItems', i, ...f], m)),
  );
  if (planned.some((l) => !l)) return undefined;
  return {
    currency,
    presentment,
    customer,
    email: email ?? null,
    phone: input.phone ?? null,
    shippingAddress: input.shippingAddress ? addressFromInput(input.shippingAddress, view.orders) : null,
    billingAddress: input.billingAddress ? addressFromInput(input.billingAddress, view.orders) : null,
    lines: planned as NewLine[],
    financialStatus: input.financialStatus ?? undefined,
    note: input.note ?? null,
    tags,
    sourceIdentifier: input.sourceIdentifier ?? null,
    processedAt: input.processedAt
      ? new Date(input.processedAt).toISOString().replace(/\.\d{3}Z$/, 'Z')
      : null,
    test: input.test === true,
  };
}

function customerOf(
  input: Input,
  view: ShopifyView,
  refuse: (path: string[], message: string, code?: string) => void,
): ShopifyObject | null {
  const associate = input.customer?.toAssociate;
  if (input.customer && input.customerId != null) {
    refuse(['customerId'], 'Only one of customer and customerId can be given', 'REDUNDANT_CUSTOMER_FIELDS');
    return null;
  }
  if (input.customer && !associate) return null;
  if (associate && associate.id == null && associate.email == null) {
    refuse(['customer', 'toAssociate'], 'A customer id or email is required');
    return null;
  }
  const id = associate?.id ?? input.customerId;
  const path = associate ? ['customer', 'toAssociate', id != null ? 'id' : 'email'] : ['customerId'];
  if (id == null && associate?.email == null) return null;
  const wanted = associate?.email?.toLowerCase();
  const found =
    id != null
      ? view.byId.get(String(id))
      : view.customers.find((c) => String(c.email).toLowerCase() === wanted);
  if (found?.__typename === 'Customer') return found;
  refuse(path, 'Customer does not exist');
  return null;
}

function lineOf(
  line: NonNullable<Input['lineItems']>[number],
  currency: CurrencyCode,
  presentment: CurrencyCode,
  refuse: (path: string[], message: string) => void,
): NewLine | undefined {
  const errors: string[] = [];
  const fail = (path: string[], message: string) => {
    errors.push(message);
    refuse(path, message);
  };
  if (line.quantity < 1) fail(['quantity'], 'Quantity must be greater than or equal to 1');
  const variantId = line.variantId == null ? undefined : String(line.variantId);
  const product = variantId === undefined ? undefined : productOfVariant(variantId);
  if (variantId !== undefined && !product) fail(['variantId'], `Product variant ${variantId} does not exist`);
  const title = typeof line.title === 'string' ? line.title.trim() : '';
  if (variantId === undefined && !title) fail(['title'], "Title can't be blank");
  const prices = line.priceSet;
  if (variantId === undefined && !prices) fail(['priceSet'], 'A custom line item needs a price');
  const amount = (money: Money | undefined, expected: CurrencyCode, key: string) => {
    if (!money) return undefined;
    if (money.currencyCode !== expected)
      return void fail(
        ['priceSet', key, 'currencyCode'],
        `Currency must be ${expected}, the order's ${key === 'shopMoney' ? 'currency' : 'presentment currency'}`,
      );
    const minor = roundedMinorOf(money.amount, expected);
    if (minor === undefined || minor < 0)
      return void fail(['priceSet', key, 'amount'], 'Price must be greater than or equal to 0');
    return minor;
  };
  const shop = amount(prices?.shopMoney, currency, 'shopMoney');
  const shown = amount(prices?.presentmentMoney ?? undefined, presentment, 'presentmentMoney');
  if (errors.length) return undefined;
  // Without a price, a variant sells at its catalog price; a presentment price defaults likewise.
  const shopPrice = shop ?? (product ? priceIn(product.usdCents, currency) : 0);
  const presentmentPrice =
    shown ??
    (presentment === currency
      ? shopPrice
      : product
        ? priceIn(product.usdCents, presentment)
        : (roundedMinorOf(prices?.shopMoney.amount, presentment) ?? 0));
  return {
    product,
    variantId,
    title: product?.title ?? title,
    variantTitle: product?.variantTitle ?? (line.variantTitle as string | undefined),
    sku: product?.sku ?? (line.sku as string | undefined) ?? null,
    vendor: (line.vendor as string | undefined) ?? null,
    quantity: line.quantity,
    requiresShipping: (line.requiresShipping as boolean | undefined) ?? true,
    shopPrice,
    presentmentPrice,
  };
}
