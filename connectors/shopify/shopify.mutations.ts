/**
 * GraphQL Admin API documents for the writes (actions), and the lean order read they start from.
 * Named operations, as the queries are, so logs and the sandbox can tell them apart.
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderCancel, .../refundCreate,
 * .../orderUpdate
 */

/**
 * What an action needs to know about the order: its ids, whether it is cancelled, its note, its
 * payments (what a refund points at, in the currency the customer paid) and its refunds (where the
 * hub's marker shows a refund that already landed).
 */
export const ORDER_FOR_ACTION = `query OrderForAction($query: String!) {
  orders(first: 5, query: $query) {
    nodes {
      id
      legacyResourceId
      name
      cancelledAt
      note
      currencyCode
      presentmentCurrencyCode
      transactions(first: 50) {
        id kind status gateway
        amountSet { presentmentMoney { amount currencyCode } }
        parentTransaction { id }
      }
      refunds(first: 50) { id note totalRefundedSet { presentmentMoney { amount currencyCode } } }
    }
  }
}`;

/**
 * `refund` is deprecated since 2025-07 in favour of `refundMethod`, and still accepted; it is the
 * one argument every supported version understands.
 */
export const ORDER_CANCEL = `mutation OrderCancel(
  $orderId: ID!
  $reason: OrderCancelReason!
  $refund: Boolean!
  $restock: Boolean!
  $notifyCustomer: Boolean
  $staffNote: String
) {
  orderCancel(
    orderId: $orderId
    reason: $reason
    refund: $refund
    restock: $restock
    notifyCustomer: $notifyCustomer
    staffNote: $staffNote
  ) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

/**
 * `refundCreate`, with `@idempotent(key:)` when the API version has it (optional from 2026-01,
 * required from 2026-04): Shopify then creates the refund once however often the key is sent.
 * The key is written into the document as a GraphQL string literal, as Shopify documents it.
 * https://shopify.dev/docs/api/usage/idempotent-requests
 */
export function refundCreateDocument(idempotencyKey: string | undefined): string {
  // A JSON string is a valid GraphQL string literal (same escapes).
  const directive =
    idempotencyKey === undefined ? '' : ` @idempotent(key: ${JSON.stringify(idempotencyKey)})`;
  return `mutation RefundCreate($input: RefundInput!) {
  refundCreate(input: $input)${directive} {
    refund { id totalRefundedSet { presentmentMoney { amount currencyCode } } }
    userErrors { field message }
  }
}`;
}

export const ORDER_UPDATE_NOTE = `mutation OrderUpdateNote($input: OrderInput!) {
  orderUpdate(input: $input) {
    order { id note }
    userErrors { field message }
  }
}`;
