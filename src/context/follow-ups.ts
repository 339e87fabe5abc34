import { type Customer, type Shipment, type SupportCase } from '../canonical';
import { type ConnectorRegistry } from '../connectors/connector.registry';
import { type Fanout } from './fanout';
import { findCases, findCustomer, trackShipments } from './lookups';
import { trackingKey } from './merge/shipments.merge';

/**
 * The calls an order's answers lead to, each started the moment its input is known instead of
 * when every system has answered about the order: live tracking for a parcel as soon as any system
 * names its tracking number, the customer and their cases as soon as the customer is known. A
 * system slow to answer about the order (Stripe hanging) then delays only what needs its answer.
 */
export class FollowUps {
  private readonly tracked = new Set<string>();
  private readonly tracking: Promise<Shipment[]>[] = [];
  private people?: Promise<[Customer | null, SupportCase[]]>;

  constructor(
    private readonly run: Fanout,
    private readonly connectors: ConnectorRegistry,
  ) {}

  /** Tracks the parcels among `shipments` that no earlier call has asked about. */
  track(shipments: readonly Shipment[] | undefined): void {
    const fresh = (shipments ?? []).filter((s) => {
      const key = trackingKey(s.trackingNumber);
      if (!key || s.status === 'cancelled' || this.tracked.has(key)) return false;
      this.tracked.add(key);
      return true;
    });
    if (fresh.length > 0) this.tracking.push(trackShipments(this.run, this.connectors, fresh));
  }

  /**
   * Looks the customer and their cases up in every system that can: once, for the first customer
   * given. Identity is the customer's own email and phone, never the shipping address's phone (a
   * gift ships to someone else).
   */
  lookUp(customer: Pick<Customer, 'email' | 'phone'> | undefined): void {
    this.people ??= this.lookFor(customer);
  }

  /**
   * Takes over the customer and case lookups a branch started from the caller's hint, once the
   * customer proved to have that email: their calls become this request's. When they found no one
   * and the customer also has a phone, the lookups run again by the customer's own email and phone
   * (a hint carries no phone to fall back on).
   */
  adopt(hinted: FollowUps, customer: Pick<Customer, 'email' | 'phone'>): void {
    if (this.people || !hinted.people) return;
    this.run.ledger.adopt(hinted.run.ledger);
    this.people = hinted.people.then(([found, cases]) =>
      found || cases.length > 0 || !customer.phone ? [found, cases] : this.lookFor(customer),
    );
  }

  private lookFor(customer: Pick<Customer, 'email' | 'phone'> | undefined) {
    const who = { email: customer?.email, phone: customer?.phone };
    return Promise.all([
      findCustomer(this.run, this.connectors, who),
      findCases(this.run, this.connectors, who),
    ]);
  }

  async results(): Promise<{ tracking: Shipment[]; customer: Customer | null; cases: SupportCase[] }> {
    const [tracking, [customer, cases]] = await Promise.all([
      Promise.all(this.tracking).then((batches) => batches.flat()),
      this.people ?? Promise.resolve<[Customer | null, SupportCase[]]>([null, []]),
    ]);
    return { tracking, customer, cases };
  }
}
