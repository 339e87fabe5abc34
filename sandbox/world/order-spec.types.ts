import { type CarrierKey } from './carriers.data';
import {
  type CancelReason,
  type CardBrand,
  type CurrencyCode,
  type Dispute,
  type ParcelStatus,
  type Payment,
  type Refund,
  type Return,
  type RiskLevel,
  type WarehouseState,
} from './world.types';

/** `[lineIndex, quantity]`: which line (0-based, in `items` order) and how many units. */
export type LinePick = readonly [number, number];

export interface PaymentSpec {
  gateway?: Payment['gateway'];
  card?: CardBrand;
  last4?: string;
  paypal?: boolean;
  bankTransfer?: boolean;
  /** Manual capture (authorize now, capture later); default is an immediate sale. */
  manual?: boolean;
  outcome?: Payment['outcome'];
  failureCode?: string;
  /** Manual capture: the share of the authorization captured so far (0 = not yet). Default 1. */
  captured?: number;
  voided?: boolean;
  expired?: boolean;
  /** Part of the order total this payment covers (default 1). */
  share?: number;
  /** A chargeback on the whole amount, opened this many days before the anchor. */
  dispute?: {
    status: Dispute['status'];
    reason: Dispute['reason'];
    openedDaysAgo: number;
    /** Evidence is due this many days after the anchor (default 7). */
    evidenceDueInDays?: number;
  };
}

export interface ParcelSpec {
  carrier: CarrierKey;
  service?: string;
  trackingNumber?: string;
  /** Default: every unit of every line. */
  items?: readonly LinePick[];
  status: ParcelStatus;
  /** Hours after the order was placed that the label was bought (default 6–30, seeded). */
  afterHours?: number;
  cancelled?: boolean;
  omsLacksTracking?: boolean;
  /** The OMS missed the carrier's last N scans (its tracking went stale). */
  omsMissesLast?: number;
  /** Estimated delivery this many hours after the anchor (negative: overdue). Default: derived. */
  etaHours?: number;
  /** Lay the scans out so the newest happened this many hours before the anchor. */
  lastScanHoursAgo?: number;
}

export interface RefundSpec {
  /** Refund these units (amount prorated with tax and discount); or `all` of what was captured. */
  lines?: readonly LinePick[];
  all?: boolean;
  reason: Refund['reason'];
  note?: string;
  status?: Refund['status'];
  restock?: boolean;
  afterHours?: number;
}

export interface ReturnSpec {
  status: Return['status'];
  reason: Return['reason'];
  lines: readonly LinePick[];
}

/**
 * An order described by what happened to it; the builder derives ids, money and times.
 * Scenario orders are written by hand in this form, filler orders are drawn into it.
 */
export interface OrderSpec {
  scenario: string;
  customer: string;
  currency?: CurrencyCode;
  /** Placed this many days (and hours) before the anchor. */
  daysAgo: number;
  hoursAgo?: number;
  items: readonly { sku: string; quantity: number; unitPrice?: number }[];
  discountPercent?: number;
  freeShipping?: boolean;
  tags?: string[];
  note?: string;
  payments?: readonly PaymentSpec[];
  parcels?: readonly ParcelSpec[];
  warehouse?: WarehouseState;
  refunds?: readonly RefundSpec[];
  returns?: readonly ReturnSpec[];
  cancel?: { reason: CancelReason; afterHours?: number };
  risk?: { level: RiskLevel; recommendation: 'accept' | 'investigate' | 'cancel' | 'none'; facts?: string[] };
  /** Only the WMS has the order (the OMS never got it). */
  omsMissing?: boolean;
}
