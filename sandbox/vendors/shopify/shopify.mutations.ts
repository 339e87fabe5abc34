import { type FieldNode } from 'graphql';
import { directiveArguments, type RootResolver, unknownRootField } from '../../graphql/graphql.executor';
import { GraphqlRequestError } from '../../graphql/graphql.error';
import { hubMarkers, type WriteLedger } from '../../writes/write.ledger';
import { invalidArgument } from './shopify.input';
import { minorOf, shopifyDecimal } from './shopify.money';
import { orderCreate } from './shopify.order-create';
import {
  addRefund,
  cancelOrder,
  type OrderObject,
  refundable,
  setNote,
  type WriteContext,
} from './shopify.order-writes';
import { type Transaction } from './shopify.payments.view';
import { storeCreditAccountCredit } from './shopify.store-credit';
import { type ShopifyView } from './shopify.view';

type Args = Record<string, unknown>;
type UserError = { __typename: string; field: string[] | null; message: string; code?: string };

const CANCEL_REASONS = new Set(['CUSTOMER', 'DECLINED', 'FRAUD', 'INVENTORY', 'OTHER', 'STAFF']);

/**
 * MutationRoot of the Shopify view: `orderCancel`, `refundCreate` (with `@idempotent(key:)`),
 * `orderUpdate` (the note), `orderCreate` (shopify.order-create.ts) and `storeCreditAccountCredit`
 * (shopify.store-credit.ts). Business refusals are `userErrors` in a 200 reply, as on Shopify; a
 * refund with a key seen before returns the first result and writes nothing.
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderCancel, .../refundCreate,
 * .../orderUpdate, https://shopify.dev/docs/api/usage/idempotent-requests
 */
export class ShopifyMutations {
  private readonly byKey = new Map<string, unknown>();
  private seq = 0;

  constructor(
    private readonly view: ShopifyView,
    private readonly ledger: WriteLedger,
  ) {}

  /** The resolver for one request; `version` is the API version of its path. */
  root(version: string): RootResolver {
    return (name, args, field, variables) => {
      switch (name) {
        case 'orderCancel':
          return this.orderCancel(args, field);
        case 'refundCreate':
          return this.refundCreate(args, field, directiveArguments(field, 'idempotent', variables), version);
        case 'orderUpdate':
          return this.orderUpdate(args, field);
        case 'orderCreate':
          return orderCreate(
            {
              view: this.view,
              ctx: this.context(),
              record: (order, key) => this.record(order, 'orderCreate', key),
            },
            args,
            field,
            variables,
          );
        case 'storeCreditAccountCredit':
          return storeCreditAccountCredit(
            {
              view: this.view,
              ctx: this.context(),
              record: () => this.ledger.record({ vendor: 'shopify', operation: 'storeCreditAccountCredit' }),
            },
            args,
            field,
            variables,
          );
        default:
          return unknownRootField(name, field, 'Mutation');
      }
    };
  }

  reset(): void {
    this.byKey.clear();
    this.seq = 0;
  }

  private orderCancel(args: Args, field: FieldNode) {
    const reason = String(args.reason ?? '');
    if (!CANCEL_REASONS.has(reason))
      throw invalidArgument(field, 'reason', args.reason, 'OrderCancelReason!');
    const errors = (list: Omit<UserError, '__typename'>[]) => ({
      __typename: 'OrderCancelPayload',
      job: null,
      orderCancelUserErrors: list.map((e) => ({ __typename: 'OrderCancelUserError', ...e })),
      userErrors: list.map(({ field: f, message }) => ({ __typename: 'UserError', field: f, message })),
    });
    const order = this.order(args.orderId);
    if (!order) return errors([{ field: ['orderId'], message: 'Order does not exist', code: 'NOT_FOUND' }]);
    if (order.cancelledAt)
      return errors([{ field: ['orderId'], message: 'Order has already been canceled', code: 'INVALID' }]);
    if (order.fulfillments.some((f) => f.status === 'SUCCESS'))
      return errors([
        { field: ['orderId'], message: 'Cannot cancel an order that has fulfillments', code: 'INVALID' },
      ]);
    const staffNote = typeof args.staffNote === 'string' ? args.staffNote : null;
    const refundMethod = args.refundMethod as { originalPaymentMethodsRefund?: unknown } | undefined;
    const refund = args.refund === true || refundMethod?.originalPaymentMethodsRefund === true;
    const ctx = this.context();
    cancelOrder(order, ctx, { reason, refund, staffNote });
    this.record(order, 'orderCancel', hubMarkers(staffNote).at(-1));
    // Shopify cancels in a background job; the sandbox's is done at once.
    const job = { __typename: 'Job', id: `gid://shopify/Job/${jobId(ctx.nextId())}`, done: true };
    return { __typename: 'OrderCancelPayload', job, orderCancelUserErrors: [], userErrors: [] };
  }

  private refundCreate(args: Args, field: FieldNode, idempotent: Args | undefined, version: string) {
    const key = typeof idempotent?.key === 'string' && idempotent.key ? idempotent.key : undefined;
    // Optional since 2026-01, required from 2026-04 (a runtime error, not a schema one).
    if (!key && (version === 'unstable' || version >= '2026-04')) {
      throw GraphqlRequestError.at(
        'The @idempotent directive with a key is required for refundCreate',
        field,
        ['refundCreate'],
        { code: 'BAD_REQUEST' },
      );
    }
    if (key && this.byKey.has(key)) {
      this.ledger.replayed();
      return this.byKey.get(key);
    }
    const input = (args.input ?? {}) as Args;
    const refused = (f: string[], message: string) => ({
      __typename: 'RefundCreatePayload',
      refund: null,
      order: null,
      userErrors: [{ __typename: 'UserError', field: f, message }],
    });
    const order = this.order(input.orderId);
    if (!order) return refused(['orderId'], 'Order does not exist');
    const c = order.currencyCode;
    if (input.currency !== undefined && input.currency !== order.presentmentCurrencyCode)
      return refused(['currency'], `Currency must be ${order.presentmentCurrencyCode}, the order's currency`);
    const txs = Array.isArray(input.transactions) ? (input.transactions as Args[]) : [];
    if (!txs.length) return refused(['transactions'], 'A refund needs at least one transaction');
    const open = new Map(refundable(order).map((p) => [p.tx.id, p]));
    const parts: { parent: Transaction; amount: number }[] = [];
    for (const [i, t] of txs.entries()) {
      const at = (name: string) => ['transactions', String(i), name];
      if (t.kind !== 'REFUND') return refused(at('kind'), 'Only REFUND transactions can be created here');
      const parent = open.get(String(t.parentId));
      if (!parent) return refused(at('parentId'), 'Parent transaction does not exist or cannot be refunded');
      if (t.gateway !== undefined && t.gateway !== parent.tx.gateway)
        return refused(at('gateway'), 'Gateway does not match the parent transaction');
      const amount = minorOf(t.amount, c);
      if (!amount) return refused(at('amount'), 'Amount must be a decimal greater than 0');
      if (amount > parent.left)
        return refused(
          at('amount'),
          `Refund amount ${t.amount} is greater than the ${shopifyDecimal(parent.left, c)} ${c} left to refund`,
        );
      parent.left -= amount;
      parts.push({ parent: parent.tx, amount });
    }
    const note = typeof input.note === 'string' ? input.note : null;
    const refund = addRefund(order, this.context(), note, parts);
    this.record(order, 'refundCreate', key ?? hubMarkers(note).at(-1));
    const payload = { __typename: 'RefundCreatePayload', refund, order, userErrors: [] };
    if (key) this.byKey.set(key, payload);
    return payload;
  }

  private orderUpdate(args: Args, field: FieldNode) {
    const input = (args.input ?? {}) as Args;
    const unsupported = Object.keys(input).filter((k) => k !== 'id' && k !== 'note');
    if (unsupported.length) {
      throw GraphqlRequestError.at(
        `The sandbox's orderUpdate changes only the note (got ${unsupported.join(', ')})`,
        field,
        ['orderUpdate'],
        { code: 'BAD_REQUEST' },
      );
    }
    const order = this.order(input.id);
    if (!order)
      return {
        __typename: 'OrderUpdatePayload',
        order: null,
        userErrors: [{ __typename: 'UserError', field: ['id'], message: 'Order does not exist' }],
      };
    if ('note' in input) {
      const before = new Set(hubMarkers(order.note));
      const note = input.note === null ? null : String(input.note);
      if (setNote(order, note, this.context())) {
        const added = hubMarkers(note).filter((m) => !before.has(m));
        this.record(order, 'orderUpdate', added.at(-1));
      }
    }
    return { __typename: 'OrderUpdatePayload', order, userErrors: [] };
  }

  private order(id: unknown): OrderObject | undefined {
    const found = this.view.byId.get(String(id));
    return found?.__typename === 'Order' ? (found as OrderObject) : undefined;
  }

  private context(): WriteContext {
    return { at: this.ledger.now(), nextId: () => ++this.seq };
  }

  private record(order: OrderObject, operation: string, key: string | undefined): void {
    this.ledger.record({ vendor: 'shopify', operation, orderNumber: order.name.replace(/^#/, ''), key });
  }
}

/** Shopify job ids are UUIDs; the sandbox's count up. */
function jobId(n: number): string {
  return `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
}
