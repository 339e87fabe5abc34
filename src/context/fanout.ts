import { type Customer, type Order, type OrderFragment, type Shipment, type SupportCase } from '../canonical';
import {
  type Connector,
  type CustomerRef,
  type TrackingRef,
  type VendorRecord,
} from '../connectors/contract';
import { type MappingRegistry } from '../mapping/mapping.registry';
import { type Deadline } from './deadline';
import { type CallOutcome } from './source-call';
import { type SourceCaller } from './source-caller';
import { SourceLedger } from './source-ledger';

/**
 * One request's calls to the sources: one method per capability, each bounded by the request's
 * deadline, mapped to canonical data, kept as a last-good copy, and recorded in the ledger.
 */
export class Fanout {
  constructor(
    private readonly caller: SourceCaller,
    private readonly mappings: MappingRegistry,
    readonly deadline: Deadline,
    readonly ledger: SourceLedger,
  ) {}

  /** Calls on the same deadline recorded apart, to be adopted into this request's ledger or dropped. */
  branch(): Fanout {
    return new Fanout(this.caller, this.mappings, this.deadline, new SourceLedger(this.ledger.began));
  }

  /** `order.byNumber`: an Order from an OMS, an OrderFragment from a WMS or payment provider. */
  order(c: Connector, number: string): Promise<CallOutcome<Order | OrderFragment>> {
    return this.ask(c, 'order lookup', 'order', number, async (signal) => {
      const record = await c.orderByNumber!(number, { signal });
      return record ? this.map<Order | OrderFragment>(c, record) : null;
    });
  }

  /**
   * `orders.byNumbers`: this system's view of several orders in one call (a WMS's or payment
   * provider's fragments, each naming its order), kept as one copy for that set of numbers;
   * `not_found` when it knows none of them.
   */
  orders(c: Connector, numbers: string[]): Promise<CallOutcome<(Order | OrderFragment)[]>> {
    const id = [...numbers].sort().join(',');
    return this.ask(c, 'orders lookup', 'orders-by-number', id, async (signal) => {
      const records = await c.ordersByNumbers!(numbers, { signal });
      if (records.length === 0) return null;
      return Promise.all(records.map((r) => this.map<Order | OrderFragment>(c, r)));
    });
  }

  ordersOf(c: Connector, customer: CustomerRef, limit: number): Promise<CallOutcome<Order[]>> {
    return this.ask(c, 'orders lookup', 'orders', keyOf(customer), async (signal) => {
      const records = await c.ordersByCustomer!(customer, limit, { signal });
      return Promise.all(records.map((r) => this.map<Order>(c, r)));
    });
  }

  /** The person by email where the connector can, else by phone (the CRM may know another email). */
  customer(c: Connector, customer: CustomerRef): Promise<CallOutcome<Customer>> {
    return this.ask(c, 'customer lookup', 'customer', keyOf(customer), async (signal) => {
      let records: VendorRecord[] = [];
      if (customer.email && c.customersByEmail)
        records = await c.customersByEmail(customer.email, { signal });
      if (records.length === 0 && customer.phone && c.customersByPhone) {
        records = await c.customersByPhone(customer.phone, { signal });
      }
      return records.length ? this.map<Customer>(c, records[0]) : null;
    });
  }

  /** `customers.byName`: everyone this system knows by that whole name. */
  customersNamed(c: Connector, name: string): Promise<CallOutcome<Customer[]>> {
    const id = name.trim().split(/\s+/).join(' ').toLowerCase();
    return this.ask(c, 'customer search', 'customers-by-name', id, async (signal) => {
      const records = await c.customersByName!(name, { signal });
      return Promise.all(records.map((r) => this.map<Customer>(c, r)));
    });
  }

  cases(c: Connector, customer: CustomerRef): Promise<CallOutcome<SupportCase[]>> {
    return this.ask(c, 'cases lookup', 'cases', keyOf(customer), async (signal) => {
      const records = await c.casesByCustomer!(customer, { signal });
      return Promise.all(records.map((r) => this.map<SupportCase>(c, r)));
    });
  }

  tracking(c: Connector, parcels: TrackingRef[]): Promise<CallOutcome<Shipment[]>> {
    const id = parcels
      .map((p) => p.trackingNumber)
      .sort()
      .join(',');
    return this.ask(c, 'tracking', 'tracking', id, async (signal) => {
      const records = await c.trackShipments!(parcels, { signal });
      return Promise.all(records.map((r) => this.map<Shipment>(c, r)));
    });
  }

  private async ask<T>(
    c: Connector,
    label: string,
    resource: string,
    id: string,
    run: (signal: AbortSignal) => Promise<T | null>,
  ): Promise<CallOutcome<T>> {
    const done = this.ledger.begin(c, label);
    return done(await this.caller.ask(c, resource, id, this.deadline, run));
  }

  private map<T>(c: Connector, record: VendorRecord): Promise<T> {
    return this.mappings.map<T>(c.type, record.resource, record.payload, c.mappingContext);
  }
}

/** The value of a successful (or stale) call, else undefined. */
export function valueOf<T>(outcome: CallOutcome<T>): T | undefined {
  return outcome.kind === 'ok' || outcome.kind === 'stale' ? outcome.value : undefined;
}

/** The copy key holds every identity the lookup used, so a copy found by phone is not served for the email alone. */
function keyOf(customer: CustomerRef): string {
  return `${customer.email ?? ''}|${customer.phone ?? ''}`;
}
