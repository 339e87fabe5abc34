/**
 * GraphQL Admin API documents the connector sends. Named operations so logs, the sandbox and
 * Shopify's own request logs can tell them apart.
 * Fields: https://shopify.dev/docs/api/admin-graphql/latest/objects/Order
 */
const MONEY = 'shopMoney { amount currencyCode }';

export const ORDER_FIELDS = `
  id
  legacyResourceId
  name
  email
  phone
  createdAt
  processedAt
  updatedAt
  cancelledAt
  closedAt
  cancelReason
  displayFinancialStatus
  displayFulfillmentStatus
  currencyCode
  tags
  note
  subtotalPriceSet { ${MONEY} }
  totalShippingPriceSet { ${MONEY} }
  totalTaxSet { ${MONEY} }
  totalDiscountsSet { ${MONEY} }
  totalPriceSet { ${MONEY} }
  totalRefundedSet { ${MONEY} }
  customer { id legacyResourceId email phone firstName lastName displayName tags }
  shippingAddress { name company address1 address2 city province provinceCode zip countryCodeV2 phone }
  lineItems(first: 100) {
    nodes {
      id sku title variantTitle quantity unfulfilledQuantity
      originalUnitPriceSet { ${MONEY} }
    }
  }
  fulfillments(first: 20) {
    id legacyResourceId name status displayStatus createdAt updatedAt inTransitAt deliveredAt estimatedDeliveryAt
    trackingInfo(first: 5) { company number url }
    fulfillmentLineItems(first: 100) { nodes { quantity lineItem { sku } } }
    events(first: 20, sortKey: HAPPENED_AT, reverse: true) {
      nodes { id status happenedAt message city province country }
    }
  }
  transactions(first: 50) {
    id kind status gateway createdAt processedAt
    amountSet { ${MONEY} }
    parentTransaction { id }
    paymentDetails { __typename ... on CardPaymentDetails { company number } }
  }
  refunds(first: 20) { id createdAt note totalRefundedSet { ${MONEY} } }
  returns(first: 20) { nodes { id name status } }
  risk { recommendation assessments { riskLevel } }
`;

export const ORDER_BY_NAME = `query OrderByName($query: String!) {
  orders(first: 5, query: $query) {
    nodes { ${ORDER_FIELDS} }
  }
}`;

export const ORDERS_BY_CUSTOMER = `query OrdersByCustomer($query: String!, $first: Int!) {
  orders(first: $first, query: $query, sortKey: CREATED_AT, reverse: true) {
    nodes { ${ORDER_FIELDS} }
  }
}`;

const CUSTOMER_FIELDS = `
  id legacyResourceId email phone firstName lastName displayName createdAt tags numberOfOrders
  amountSpent { amount currencyCode }
`;

export const CUSTOMERS_BY_PHONE = `query CustomersByPhone($query: String!) {
  customers(first: 5, query: $query) {
    nodes { ${CUSTOMER_FIELDS} }
  }
}`;

export const CUSTOMERS_BY_EMAIL = `query CustomersByEmail($query: String!) {
  customers(first: 5, query: $query) {
    nodes { ${CUSTOMER_FIELDS} }
  }
}`;

export const CUSTOMERS_BY_NAME = `query CustomersByName($query: String!) {
  customers(first: 25, query: $query) {
    nodes { ${CUSTOMER_FIELDS} }
  }
}`;

export const HEALTH = `query HubHealthCheck { shop { name currencyCode } }`;
