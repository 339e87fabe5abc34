/**
 * The vendor-neutral world: facts about customers, orders, parcels and money that every
 * simulated vendor (OMS, WMS, carrier tracking, payments, CRM) renders in its own shape.
 * Money is in integer MINOR units of the order's currency; times are ISO-8601 UTC strings
 * without milliseconds (all derived from the world's anchor). Ids are small neutral numbers;
 * each vendor view maps them to its own id format.
 * Optional cross-system fields (`omsLacksTracking`, `omsKnownEvents`, `omsMissing`, `dispute`,
 * `crmEmail`) say where one system knows more than another; scenarios #1036–#1043 use them.
 */
export type CurrencyCode = 'USD' | 'EUR' | 'GBP' | 'CAD' | 'JPY' | 'KWD';

export interface Address {
  name: string;
  company?: string;
  line1: string;
  line2?: string;
  city: string;
  region?: string;
  regionCode?: string;
  postalCode: string;
  countryCode: string;
  country: string;
  phone?: string;
}

export interface Customer {
  id: number;
  firstName: string;
  lastName: string;
  email: string;
  /** E.164. */
  phone: string;
  createdAt: string;
  tags: string[];
  currency: CurrencyCode;
  address: Address;
  note?: string;
  /** The help desk (CRM) knows this person under another email; the phone still matches. */
  crmEmail?: string;
}

export interface LineItem {
  id: number;
  sku: string;
  title: string;
  variantTitle?: string;
  quantity: number;
  unitPrice: number;
  requiresShipping: boolean;
}

/** A parcel's tracking status, neutral; each view maps it to its vendor's vocabulary. */
export type ParcelStatus =
  | 'label_created'
  | 'label_printed'
  | 'confirmed'
  | 'carrier_picked_up'
  | 'in_transit'
  | 'out_for_delivery'
  | 'attempted_delivery'
  | 'delayed'
  | 'ready_for_pickup'
  | 'picked_up'
  | 'delivered'
  | 'failure'
  | 'returned_to_sender'
  | 'lost';

export interface EventLocation {
  city: string;
  region?: string;
  postalCode?: string;
  countryCode: string;
}

export interface TrackingEvent {
  id: number;
  at: string;
  status: ParcelStatus;
  message: string;
  location?: EventLocation;
}

export interface Parcel {
  id: number;
  /** 1-based position within the order (Shopify names fulfillments "#1001.1"). */
  index: number;
  carrier: string;
  service: string;
  trackingNumber: string;
  trackingUrl: string;
  createdAt: string;
  items: { lineItemId: number; quantity: number }[];
  /** Oldest first; the last one is the current status. */
  events: TrackingEvent[];
  status: ParcelStatus;
  shippedAt?: string;
  estimatedDeliveryAt?: string;
  deliveredAt?: string;
  /** The shipment was voided (label cancelled) and its items went back to unfulfilled. */
  cancelledAt?: string;
  /**
   * The warehouse shipped it and the carrier tracks it, but the OMS has not heard of it yet: OMS
   * views show no fulfillment (nor tracking) for this parcel; WMS and carrier views do.
   */
  omsLacksTracking?: boolean;
  /**
   * The OMS stopped receiving carrier updates: it knows only the first N `events` and shows the
   * parcel as of the Nth (e.g. still in transit while the carrier says lost). Absent: all of them.
   */
  omsKnownEvents?: number;
  /** The warehouse that packed it (optional; not set by the builders yet). */
  warehouse?: string;
}

/**
 * Where the order stands with the warehouse before (or besides) any parcel: the neutral form of
 * Shopify's fulfillment-order states and a 3PL's order status.
 */
export type WarehouseState =
  'unsubmitted' | 'open' | 'submitted' | 'in_progress' | 'on_hold' | 'scheduled' | 'declined' | 'restocked';

export type CardBrand = 'Visa' | 'Mastercard' | 'American Express' | 'Discover' | 'JCB';

export type PaymentMethod =
  | { type: 'card'; brand: CardBrand; last4: string; expMonth: number; expYear: number; wallet?: 'apple_pay' }
  | { type: 'paypal'; payerEmail: string }
  | { type: 'bank_transfer' };

export interface Dispute {
  id: number;
  amount: number;
  reason: 'fraudulent' | 'product_not_received' | 'product_unacceptable' | 'duplicate' | 'general';
  status: 'needs_response' | 'under_review' | 'won' | 'lost';
  openedAt: string;
  evidenceDueBy?: string;
}

export interface Payment {
  id: number;
  gateway: 'shopify_payments' | 'paypal' | 'manual';
  method: PaymentMethod;
  /** Amount asked for (sale) or authorized (manual capture). */
  amount: number;
  createdAt: string;
  capture: 'automatic' | 'manual';
  outcome: 'succeeded' | 'pending' | 'failed' | 'error';
  failureCode?: string;
  /** Manual capture only; several partial captures are allowed. */
  captures: { id: number; amount: number; at: string }[];
  authorizationExpiresAt?: string;
  voidedAt?: string;
  /** The authorization lapsed before it was captured. */
  expiredAt?: string;
  /** The payment provider's own id (a Stripe PaymentIntent-like reference). */
  providerRef: string;
  /** An open or closed chargeback (card payments); `evidenceDueBy` may lie after the anchor. */
  dispute?: Dispute;
}

export type RefundReason =
  'customer_request' | 'damaged' | 'cancellation' | 'not_received' | 'returned' | 'duplicate';

export interface Refund {
  id: number;
  paymentId: number;
  amount: number;
  reason: RefundReason;
  note?: string;
  at: string;
  status: 'pending' | 'succeeded' | 'failed';
  lines: { lineItemId: number; quantity: number; restock: boolean }[];
}

export interface Return {
  id: number;
  /** 1-based position within the order ("#1001-R1"). */
  index: number;
  status: 'requested' | 'open' | 'closed' | 'declined' | 'canceled';
  reason: 'size_too_small' | 'size_too_large' | 'defective' | 'not_as_described' | 'unwanted' | 'other';
  createdAt: string;
  closedAt?: string;
  lines: { lineItemId: number; quantity: number }[];
}

export type CancelReason = 'customer' | 'declined' | 'fraud' | 'inventory' | 'other' | 'staff';

export type RiskLevel = 'none' | 'low' | 'medium' | 'high' | 'pending';

export interface Order {
  /** The shop's order number (1001, ...); every system refers to the order by it. */
  number: number;
  /** Short label of what the order demonstrates ("delivered", "partial refund", ...). */
  scenario: string;
  customerId: number;
  email: string;
  phone?: string;
  currency: CurrencyCode;
  placedAt: string;
  updatedAt: string;
  closedAt?: string;
  lineItems: LineItem[];
  /** Sum of quantity × unit price. */
  itemsTotal: number;
  discount: number;
  shipping: number;
  tax: number;
  /** itemsTotal − discount + shipping + tax. */
  total: number;
  shippingAddress: Address;
  tags: string[];
  note?: string;
  cancellation?: { at: string; reason: CancelReason };
  warehouse: WarehouseState;
  risk: { level: RiskLevel; recommendation: 'accept' | 'investigate' | 'cancel' | 'none'; facts: string[] };
  parcels: Parcel[];
  payments: Payment[];
  refunds: Refund[];
  returns: Return[];
  /**
   * Only the warehouse has this order (e.g. a marketplace order imported straight into the WMS):
   * the OMS and payment views skip it; WMS, carrier and help-desk views may show it.
   */
  omsMissing?: boolean;
}

/**
 * A support ticket the help desk (CRM) holds for a customer, often about one order. Both CRM views
 * (HubSpot tickets, Zendesk tickets) render these; statuses are the neutral help-desk vocabulary.
 */
export interface Ticket {
  id: number;
  customerId: number;
  /** The email the help desk knows the requester by: the customer's crmEmail when set. */
  requesterEmail: string;
  orderNumber?: number;
  subject: string;
  description: string;
  status: 'new' | 'open' | 'pending' | 'on_hold' | 'solved' | 'closed';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  channel: 'email' | 'chat' | 'voice' | 'sms' | 'social' | 'web' | 'api';
  createdAt: string;
  updatedAt: string;
}

export interface Shop {
  name: string;
  email: string;
  currency: CurrencyCode;
  /** Shopify-style handle: the shop domain is `${handle}.myshopify.com`. */
  handle: string;
}

export interface World {
  seed: number;
  anchor: string;
  shop: Shop;
  customers: Customer[];
  orders: Order[];
  /** Help-desk tickets, oldest first. */
  tickets: Ticket[];
}
