import { type z } from 'zod';
import {
  type ActionFailure,
  type ActionRequest,
  type ActionResult,
  type ActionType,
  type CallOptions,
  ConnectorError,
  type ManualSteps,
  type WriteSafety,
} from '../../src/connectors/contract';
import { type ActionOrder, actionOrdersReplySchema, orderCancelReplySchema } from './shopify.action-payloads';
import { rejected } from './shopify.errors';
import {
  cancelSteps,
  checkSteps,
  failureSteps,
  noteSteps,
  refundSteps,
  replacementSteps,
  storeCreditSteps,
} from './shopify.manual-actions';
import { marker, noteLine, staffNote } from './shopify.marker';
import { ORDER_CANCEL, ORDER_FOR_ACTION } from './shopify.mutations';
import { appendNoteLine } from './shopify.note';
import { refundOrder } from './shopify.refund';
import { creditStore, type RemedyOutcome, replaceOrder } from './shopify.remedies';
import { quote } from './shopify.search';

/** The connector's one GraphQL call (cost bucket, THROTTLED, error codes, reply validation). */
export type RunGraphql = <S extends z.ZodType>(
  operation: string,
  document: string,
  variables: Record<string, unknown>,
  schema: S,
  options: CallOptions | undefined,
) => Promise<z.infer<S>>;

export interface ShopifyActionOptions {
  orderNamePrefix: string;
  apiVersion: string;
  /** https://admin.shopify.com/store/<store> */
  adminUrl: string;
}

type Of<T extends ActionType> = Extract<ActionRequest, { type: T }>;

/** `@idempotent` on refundCreate exists from 2026-01 (and `unstable`). */
export function supportsIdempotentRefunds(apiVersion: string): boolean {
  return apiVersion === 'unstable' || apiVersion >= '2026-01';
}

/** Remembered order ids are a convenience for deep links; this many is plenty. */
const REMEMBERED = 1_000;

/**
 * Shopify writes: cancel, refund, note, and the remedies replacement and store credit
 * (shopify.remedies.ts). Each reads the order first, so a write that already
 * landed (cancelled order, the hub's `[hub:<id>]` marker in the note or in a refund's note) is
 * answered without writing again: that check makes cancel and note `natural`. Refunds are
 * `keyed` where the API version has `@idempotent`, else `natural` by the same check.
 */
export class ShopifyActions {
  readonly safety: Readonly<Partial<Record<ActionType, WriteSafety>>>;
  private readonly keyedRefunds: boolean;
  /** Order name → numeric id, from recent reads: deep links without IO. */
  private readonly numericIds = new Map<string, string>();

  constructor(
    private readonly run: RunGraphql,
    private readonly options: ShopifyActionOptions,
  ) {
    this.keyedRefunds = supportsIdempotentRefunds(options.apiVersion);
    this.safety = {
      cancel: 'natural',
      refund: this.keyedRefunds ? 'keyed' : 'natural',
      note: 'natural',
      // Looked for before each write, but Shopify's search may lag and a credit keeps no marker.
      replacement: 'unsafe',
      store_credit: 'unsafe',
    };
  }

  async perform(action: ActionRequest, options?: CallOptions): Promise<ActionResult> {
    // Remedies read what they need of the order themselves (its items and address, its customer).
    if (action.type === 'replacement')
      return this.linked(await replaceOrder(this.run, this.name(action.orderNumber), action, options));
    if (action.type === 'store_credit')
      return this.linked(await creditStore(this.run, this.name(action.orderNumber), action, options));
    const order = await this.order(action.orderNumber, options);
    const url = this.orderUrl(action.orderNumber);
    switch (action.type) {
      case 'cancel':
        return { ...(await this.cancel(order, action, options)), url };
      case 'refund': {
        const idempotencyKey = this.keyedRefunds ? action.id : undefined;
        return { ...(await refundOrder(this.run, order, action, idempotencyKey, options)), url };
      }
      case 'note':
        return { ...(await this.note(order, action, options)), url };
    }
  }

  private linked({ link, ...result }: RemedyOutcome): ActionResult {
    return { ...result, url: `${this.options.adminUrl}/${link.kind}/${link.id}` };
  }

  manual(action: ActionRequest, failure?: ActionFailure): ManualSteps {
    const name = this.name(action.orderNumber);
    const url = this.orderUrl(action.orderNumber);
    const first = failureSteps(name, action, failure);
    const steps = this.steps(name, action);
    return { instructions: first ? `${first} ${steps}` : steps, url };
  }

  /** Where a person sees whether the action already landed (the hub's marker in the order). */
  check(action: ActionRequest): ManualSteps {
    return {
      instructions: checkSteps(this.name(action.orderNumber), action),
      url: this.orderUrl(action.orderNumber),
    };
  }

  private steps(name: string, action: ActionRequest): string {
    switch (action.type) {
      case 'cancel':
        return cancelSteps(name, action);
      case 'refund':
        return refundSteps(name, action);
      case 'note':
        return noteSteps(name, action);
      case 'replacement':
        return replacementSteps(name, action);
      case 'store_credit':
        return storeCreditSteps(name, action);
    }
  }

  /** Keeps an order's numeric id for deep links (orders read by the connector or by an action). */
  remember(name: string, legacyResourceId: string | undefined): void {
    if (!legacyResourceId) return;
    this.numericIds.delete(name);
    this.numericIds.set(name, legacyResourceId);
    if (this.numericIds.size > REMEMBERED) this.numericIds.delete(this.numericIds.keys().next().value!);
  }

  private async cancel(order: ActionOrder, action: Of<'cancel'>, options?: CallOptions) {
    const alreadyCancelled = (at: string) => ({
      externalId: order.id,
      summary: `Order ${order.name} was already cancelled in Shopify (${at}).`,
    });
    if (order.cancelledAt) return alreadyCancelled(order.cancelledAt);
    const p = action.params;
    const data = await this.run(
      'OrderCancel',
      ORDER_CANCEL,
      {
        orderId: order.id,
        reason: p.reason.toUpperCase(),
        refund: p.refund,
        restock: p.restock,
        notifyCustomer: p.notifyCustomer,
        staffNote: staffNote(p.staffNote, action.id),
      },
      orderCancelReplySchema,
      options,
    );
    const { job, orderCancelUserErrors: errors } = data.orderCancel;
    if (errors.length) {
      // An earlier attempt may have landed after this one read the order.
      const now = await this.order(action.orderNumber, options);
      if (now.cancelledAt) return alreadyCancelled(now.cancelledAt);
      throw rejected(`cancel order ${order.name}`, errors);
    }
    const what = [`reason ${p.reason}`, p.refund && 'payments refunded', p.restock && 'items restocked']
      .filter(Boolean)
      .join(', ');
    return {
      externalId: order.id,
      summary: job?.done
        ? `Shopify cancelled order ${order.name} (${what}).`
        : `Shopify is cancelling order ${order.name} (${what}; job ${job?.id ?? 'started'}).`,
    };
  }

  private async note(order: ActionOrder, action: Of<'note'>, options?: CallOptions) {
    if (order.note?.includes(marker(action.id)))
      return { externalId: order.id, summary: `Shopify order ${order.name} already has this note.` };
    const userErrors = await appendNoteLine(this.run, order, noteLine(action), options);
    if (userErrors.length) throw rejected(`add a note to order ${order.name}`, userErrors);
    return { externalId: order.id, summary: `Added a note to Shopify order ${order.name}.` };
  }

  /** The order by its exact name; not_found when Shopify has none. */
  private async order(orderNumber: string, options?: CallOptions): Promise<ActionOrder> {
    const name = this.name(orderNumber);
    const data = await this.run(
      'OrderForAction',
      ORDER_FOR_ACTION,
      { query: `name:${quote(name)}` },
      actionOrdersReplySchema,
      options,
    );
    // Shopify's search matches loosely; only the exact name is this order.
    const order = data.orders.nodes.find((o) => o.name === name);
    if (!order) throw new ConnectorError('not_found', `Shopify has no order ${name}`);
    this.remember(name, order.legacyResourceId);
    return order;
  }

  private name(orderNumber: string): string {
    return `${this.options.orderNamePrefix}${orderNumber}`;
  }

  private orderUrl(orderNumber: string): string {
    const name = this.name(orderNumber);
    const id = this.numericIds.get(name);
    return id
      ? `${this.options.adminUrl}/orders/${id}`
      : `${this.options.adminUrl}/orders?query=${encodeURIComponent(name)}`;
  }
}
