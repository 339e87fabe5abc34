import { type Customer, type Order, type Ticket } from './world.types';

/**
 * A point in an order's story a ticket is timed from: when it was placed, first shipped, first
 * delivered, last scanned, refunded, returned, disputed or cancelled; `now` is the anchor.
 * A missing point falls back to `placed` (or the customer's sign-up when there is no order).
 */
export type TicketRef =
  'placed' | 'shipped' | 'delivered' | 'lastScan' | 'refund' | 'return' | 'dispute' | 'cancelled' | 'now';

/** `[point, hours after it]` (negative hours: before it). */
export type TicketTime = readonly [TicketRef, number];

export interface TicketSpec {
  /** Customer key (customers.data.ts). */
  customer: string;
  order?: number;
  subject: string;
  description: string;
  status: Ticket['status'];
  priority: Ticket['priority'];
  channel: Ticket['channel'];
  created: TicketTime;
  /** The last change (a reply, solved, closed). Default: created (nobody touched it yet). */
  updated?: TicketTime;
}

/** What a seeded ticket can be about, from the facts of the order it names (or none). */
export type Situation =
  'unshipped' | 'moving' | 'delivered' | 'returning' | 'refunded' | 'cancelled' | 'general';

/** Text a ticket's subject and description are written from. */
export interface TicketFacts {
  customer: Customer;
  order?: Order;
  /** "#1001" (empty without an order). */
  name: string;
  /** The order's first item ("Merino Hoodie"), or a catalog item. */
  item: string;
  /** The carrier of the order's last parcel ("UPS"), or "the carrier". */
  carrier: string;
}

/** A seeded ticket's wording and timing for one situation. */
export interface TicketTemplate {
  subject: (f: TicketFacts) => string;
  description: (f: TicketFacts) => string;
  /** Created between these hours after `from`. */
  from: TicketRef;
  hours: readonly [number, number];
}
