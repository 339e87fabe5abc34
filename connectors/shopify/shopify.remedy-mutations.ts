/**
 * GraphQL Admin API documents for the remedies beyond refunds (docs/playbooks.md): a replacement
 * order and store credit. Named operations, as the other documents are.
 * https://shopify.dev/docs/api/admin-graphql/latest/mutations/orderCreate,
 * .../storeCreditAccountCredit
 */

/**
 * The order a replacement copies (its customer, address and items), and any order an earlier
 * attempt of the same action already created: the hub tags what it creates `hub-<action id>`
 * (40 characters, Shopify's tag limit) and looks for that tag before it writes.
 */
export const ORDER_FOR_REPLACEMENT = `query OrderForReplacement($query: String!, $placed: String!) {
  orders(first: 5, query: $query) {
    nodes {
      id
      legacyResourceId
      name
      cancelledAt
      currencyCode
      presentmentCurrencyCode
      email
      customer { id }
      shippingAddress {
        firstName lastName company address1 address2 city provinceCode countryCode zip phone
      }
      lineItems(first: 100) {
        nodes { sku title quantity requiresShipping variant { id } }
      }
    }
  }
  placed: orders(first: 1, query: $placed) {
    nodes { id legacyResourceId name }
  }
}`;

/**
 * The replacement: the same items at no charge, paid (nothing is owed), to the original address;
 * no receipt, since the customer hears from support. Stock is taken as a sale would take it.
 */
export const ORDER_CREATE = `mutation OrderCreate($order: OrderCreateOrderInput!, $options: OrderCreateOptionsInput) {
  orderCreate(order: $order, options: $options) {
    order { id legacyResourceId name }
    userErrors { field message code }
  }
}`;

/**
 * Whose store credit it is (the order's customer, in the currency the customer paid), and the
 * order's note, where the hub records each credit with its marker (Shopify keeps no text with one).
 */
export const ORDER_FOR_STORE_CREDIT = `query OrderForStoreCredit($query: String!) {
  orders(first: 5, query: $query) {
    nodes {
      id
      legacyResourceId
      name
      note
      currencyCode
      presentmentCurrencyCode
      customer { id legacyResourceId displayName }
    }
  }
}`;

/**
 * Credits the customer's store credit account in that currency (Shopify opens one when there is
 * none). Needs the `write_store_credit_account_transactions` access scope.
 */
export const STORE_CREDIT_ACCOUNT_CREDIT = `mutation StoreCreditAccountCredit($id: ID!, $creditInput: StoreCreditAccountCreditInput!) {
  storeCreditAccountCredit(id: $id, creditInput: $creditInput) {
    storeCreditAccountTransaction {
      amount { amount currencyCode }
      balanceAfterTransaction { amount currencyCode }
      account { id }
    }
    userErrors { field message code }
  }
}`;
