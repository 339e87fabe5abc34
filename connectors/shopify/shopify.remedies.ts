import {
  type ActionRequest,
  type CallOptions,
  ConnectorError,
  writeOnce,
} from '../../src/connectors/contract';
import { rejected } from './shopify.errors';
import { marker } from './shopify.marker';
import {
  ORDER_CREATE,
  ORDER_FOR_REPLACEMENT,
  ORDER_FOR_STORE_CREDIT,
  STORE_CREDIT_ACCOUNT_CREDIT,
} from './shopify.remedy-mutations';
import {
  orderCreateReplySchema,
  orderForReplacementReplySchema,
  orderForStoreCreditReplySchema,
  type ReplacementLine,
  type ReplacementSource,
  storeCreditReplySchema,
} from './shopify.remedy-payloads';
import { appendNoteLine } from './shopify.note';
import { quote } from './shopify.search';
import { type RunGraphql } from './shopify.actions';

type Of<T extends ActionRequest['type']> = Extract<ActionRequest, { type: T }>;

/** What a remedy wrote, and the admin page of what it created (the new order, the customer). */
export interface RemedyOutcome {
  externalId: string;
  summary: string;
  /** Numeric id for the admin link: `orders/<id>` or `customers/<id>`. */
  link: { kind: 'orders' | 'customers'; id: string };
}

/** The mutation call, sent once: a failure that may have come after Shopify made it is `maybeWritten`. */
const written =
  (run: RunGraphql): RunGraphql =>
  (...args) =>
    writeOnce(() => run(...args));

/** The tag a replacement order carries, the hub's marker where Shopify can search: 40 characters. */
export const replacementTag = (actionId: string) => `hub-${actionId}`;

/** The replacement order's note: what it replaces and why, ending with the hub's marker. */
export function replacementNote(name: string, action: Of<'replacement'>): string {
  const why = action.params.reason?.trim();
  return `Replacement for order ${name}${why ? `: ${why}` : ''} ${marker(action.id)}`;
}

/**
 * A replacement order: the items again (all, or the SKUs asked for), at no charge, to the order's
 * customer and shipping address. The hub looks for an order tagged with this action first, so a
 * retry after a reply that was lost finds what the first attempt created (Shopify's search can lag
 * a few seconds behind a write: the write is `unsafe` all the same, and a timeout goes to a person).
 */
export async function replaceOrder(
  run: RunGraphql,
  name: string,
  action: Of<'replacement'>,
  options: CallOptions | undefined,
): Promise<RemedyOutcome> {
  const data = await run(
    'OrderForReplacement',
    ORDER_FOR_REPLACEMENT,
    { query: `name:${quote(name)}`, placed: `tag:${quote(replacementTag(action.id))}` },
    orderForReplacementReplySchema,
    options,
  );
  const order = data.orders.nodes.find((o) => o.name === name);
  if (!order) throw new ConnectorError('not_found', `Shopify has no order ${name}`);
  const placed = data.placed.nodes[0];
  if (placed) {
    return {
      externalId: placed.id,
      summary: `Shopify already has replacement order ${placed.name} for order ${name}.`,
      link: { kind: 'orders', id: placed.legacyResourceId },
    };
  }
  if (order.cancelledAt) {
    throw new ConnectorError(
      'rejected',
      `Order ${name} is cancelled (${order.cancelledAt}): nothing to replace`,
    );
  }
  const lines = chosenLines(order, action);
  const shop = order.currencyCode;
  const paid = order.presentmentCurrencyCode ?? shop;
  const free = {
    shopMoney: { amount: '0', currencyCode: shop },
    ...(paid !== shop ? { presentmentMoney: { amount: '0', currencyCode: paid } } : {}),
  };
  const reply = await written(run)(
    'OrderCreate',
    ORDER_CREATE,
    {
      order: {
        currency: shop,
        ...(paid !== shop ? { presentmentCurrency: paid } : {}),
        ...(order.customer ? { customer: { toAssociate: { id: order.customer.id } } } : {}),
        ...(order.email ? { email: order.email } : {}),
        ...(order.shippingAddress ? { shippingAddress: withoutNulls(order.shippingAddress) } : {}),
        lineItems: lines.map(({ line, quantity }) => ({
          ...(line.variant ? { variantId: line.variant.id } : { title: line.title }),
          ...(line.sku ? { sku: line.sku } : {}),
          quantity,
          requiresShipping: line.requiresShipping ?? true,
          priceSet: free,
        })),
        financialStatus: 'PAID',
        note: replacementNote(name, action),
        tags: ['hub-replacement', replacementTag(action.id)],
        sourceIdentifier: action.id,
      },
      options: {
        inventoryBehaviour: 'DECREMENT_OBEYING_POLICY',
        sendReceipt: false,
        sendFulfillmentReceipt: false,
      },
    },
    orderCreateReplySchema,
    options,
  );
  const { order: created, userErrors } = reply.orderCreate;
  if (userErrors.length || !created) throw rejected(`create a replacement for order ${name}`, userErrors);
  const count = lines.reduce((n, l) => n + l.quantity, 0);
  return {
    externalId: created.id,
    summary: `Shopify created replacement order ${created.name} for order ${name} (${count} item${count === 1 ? '' : 's'}, no charge).`,
    link: { kind: 'orders', id: created.legacyResourceId },
  };
}

/** The lines to send again: every line, or the SKUs asked for (case-blind), each at most as many as were ordered. */
function chosenLines(order: ReplacementSource, action: Of<'replacement'>) {
  const lines = order.lineItems.nodes.filter((l) => l.quantity > 0);
  const asked = action.params.items;
  if (!asked) {
    if (!lines.length) throw new ConnectorError('rejected', `Order ${order.name} has no items to replace`);
    return lines.map((line) => ({ line, quantity: line.quantity }));
  }
  return asked.map((item) => {
    const line = lines.find((l: ReplacementLine) => l.sku?.toLowerCase() === item.sku.toLowerCase());
    if (!line) throw new ConnectorError('rejected', `Order ${order.name} has no item with SKU ${item.sku}`);
    const quantity = item.quantity ?? line.quantity;
    if (quantity > line.quantity) {
      throw new ConnectorError(
        'rejected',
        `Order ${order.name} has ${line.quantity} of SKU ${item.sku}; a replacement of ${quantity} is more than was ordered`,
      );
    }
    return { line, quantity };
  });
}

function withoutNulls<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;
}

/** The order note's line recording a store credit, ending with the hub's marker. */
export function storeCreditLine(action: Of<'store_credit'>): string {
  const p = action.params;
  const why = p.reason?.trim();
  return `Store credit ${p.amount} ${p.currency.toUpperCase()} issued${why ? `: ${why}` : ''} ${marker(action.id)}`;
}

/**
 * Store credit for the order's customer, in the currency the customer paid (Shopify opens the
 * account in that currency when there is none). Shopify keeps no text with a credit, so the hub
 * records it in the order's note afterwards, with its marker: a retry that finds the marker does
 * not credit again. A process that stops between the two writes leaves a credit without its line,
 * so the write is `unsafe` all the same, and a timeout goes to a person.
 */
export async function creditStore(
  run: RunGraphql,
  name: string,
  action: Of<'store_credit'>,
  options: CallOptions | undefined,
): Promise<RemedyOutcome> {
  const data = await run(
    'OrderForStoreCredit',
    ORDER_FOR_STORE_CREDIT,
    { query: `name:${quote(name)}` },
    orderForStoreCreditReplySchema,
    options,
  );
  const order = data.orders.nodes.find((o) => o.name === name);
  if (!order) throw new ConnectorError('not_found', `Shopify has no order ${name}`);
  const customer = order.customer;
  const link = customer ? ({ kind: 'customers', id: customer.legacyResourceId } as const) : undefined;
  if (customer && order.note?.includes(marker(action.id))) {
    return {
      externalId: customer.id,
      summary: `Shopify order ${name} already records this store credit.`,
      link: link!,
    };
  }
  if (!customer) {
    throw new ConnectorError(
      'rejected',
      `Order ${name} has no customer account (a guest checkout) to hold store credit`,
    );
  }
  const { amount, currency } = action.params;
  const paid = order.presentmentCurrencyCode ?? order.currencyCode;
  if (currency.toUpperCase() !== paid) {
    throw new ConnectorError(
      'rejected',
      `Order ${name} was paid in ${paid}; store credit for it is in ${paid}, not ${currency}`,
    );
  }
  const reply = await written(run)(
    'StoreCreditAccountCredit',
    STORE_CREDIT_ACCOUNT_CREDIT,
    { id: customer.id, creditInput: { creditAmount: { amount, currencyCode: paid } } },
    storeCreditReplySchema,
    options,
  );
  const { storeCreditAccountTransaction: tx, userErrors } = reply.storeCreditAccountCredit;
  if (userErrors.length || !tx)
    throw rejected(`give ${amount} ${paid} store credit for order ${name}`, userErrors);
  const who = customer.displayName ? ` ${customer.displayName}` : ' the customer';
  const recorded = await recordInNote(run, order, storeCreditLine(action), options);
  return {
    externalId: tx.account.id,
    summary:
      `Shopify credited ${tx.amount.amount} ${tx.amount.currencyCode} store credit to${who} for order ${name} ` +
      `(balance ${tx.balanceAfterTransaction.amount} ${tx.balanceAfterTransaction.currencyCode})` +
      (recorded
        ? '.'
        : `; the order's note could not record it (${recorded === false ? 'refused' : 'no answer'}).`),
    link: link!,
  };
}

/**
 * Appends the line to the order's note. The credit stands whatever happens here: a failure is
 * reported in the summary (false: refused, undefined: no answer), never retried, which would
 * credit again.
 */
async function recordInNote(
  run: RunGraphql,
  order: { id: string; note?: string | null },
  line: string,
  options: CallOptions | undefined,
): Promise<boolean | undefined> {
  try {
    return (await appendNoteLine(run, order, line, options)).length === 0;
  } catch {
    return undefined;
  }
}
