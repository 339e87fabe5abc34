import { type Customer, type Shipment, type SupportCase } from '../canonical';
import { type ConnectorRegistry } from '../connectors/connector.registry';
import { type Connector, type CustomerRef, type SystemKind, type TrackingRef } from '../connectors/contract';
import { type Fanout, valueOf } from './fanout';
import { type CallOutcome } from './source-call';
import { mergeCases, mergeCustomers } from './merge/customer.merge';
import { trackingKey } from './merge/shipments.merge';

/** Who knows a person best: the shop, then the help desk, then the payment provider. */
const CUSTOMER_PRECEDENCE: readonly SystemKind[] = ['oms', 'crm', 'payments', 'wms', 'shipping'];

/** Live tracking of every parcel that has a tracking number, from every tracker (one call each). */
export async function trackShipments(
  run: Fanout,
  connectors: ConnectorRegistry,
  shipments: Shipment[],
): Promise<Shipment[]> {
  const refs = new Map<string, TrackingRef>();
  for (const s of shipments) {
    const key = trackingKey(s.trackingNumber);
    if (key && s.status !== 'cancelled' && !refs.has(key))
      refs.set(key, { trackingNumber: s.trackingNumber!, carrier: s.carrier });
  }
  if (refs.size === 0) return [];
  const trackers = connectors.withCapability('shipments.byTracking');
  const results = await Promise.all(trackers.map((c) => run.tracking(c, [...refs.values()])));
  return results.flatMap((r) => valueOf(r) ?? []);
}

/** The person from every system that can look them up, merged (identity by email, else phone). */
export async function findCustomer(
  run: Fanout,
  connectors: ConnectorRegistry,
  who: CustomerRef,
  /** Only these systems (all when absent). */
  systems?: readonly SystemKind[],
): Promise<Customer | null> {
  if (!who.email && !who.phone) return null;
  const asked = connectors
    .all()
    .filter((c) => !systems || systems.includes(c.system))
    .filter((c) => (who.email && c.customersByEmail) || (who.phone && c.customersByPhone))
    .sort((a, b) => CUSTOMER_PRECEDENCE.indexOf(a.system) - CUSTOMER_PRECEDENCE.indexOf(b.system));
  const results = await Promise.all(asked.map((c) => run.customer(c, who)));
  const found = results.map((r) => valueOf(r)).filter((c): c is Customer => Boolean(c));
  return mergeCustomers(found, who);
}

/** Support cases from every help desk, newest first. */
export async function findCases(
  run: Fanout,
  connectors: ConnectorRegistry,
  who: CustomerRef,
): Promise<SupportCase[]> {
  if (!who.email && !who.phone) return [];
  const desks = connectors.withCapability('cases.byCustomer');
  const results = await Promise.all(desks.map((c) => run.cases(c, who)));
  return mergeCases(results.map((r) => valueOf(r) ?? []));
}

/**
 * The person and their cases in `systems`, asked at once with what the caller gave (`asked`), so
 * a slow or hung source of the rest of the identity (the shop) delays none of it. When `later`
 * adds what the caller did not give (the shop's phone for an email, say), each system that
 * answered it knows no one by `asked` is asked again with what was added, and only that second
 * question counts for it; a system that cannot use `asked` at all (a payment provider that finds
 * people by email only, asked by phone) is asked once `later` is known.
 */
export async function findPersonAndCases(
  run: Fanout,
  connectors: ConnectorRegistry,
  asked: CustomerRef,
  later: Promise<CustomerRef>,
  systems: readonly SystemKind[],
): Promise<{ customer: Customer | null; cases: SupportCase[]; identity: CustomerRef }> {
  const canFind = (c: Connector, who: CustomerRef) =>
    Boolean((who.email && c.customersByEmail) || (who.phone && c.customersByPhone));
  const canAsk = (c: Connector, who: CustomerRef) =>
    canFind(c, who) || Boolean(c.casesByCustomer && (who.email || who.phone));
  type Answers = [CallOutcome<Customer> | undefined, CallOutcome<SupportCase[]> | undefined];
  const ask = (c: Connector, fanout: Fanout, who: CustomerRef): Promise<Answers> =>
    Promise.all([
      canFind(c, who) ? fanout.customer(c, who) : undefined,
      c.casesByCustomer && (who.email || who.phone) ? fanout.cases(c, who) : undefined,
    ]);
  const involved = connectors
    .all()
    .filter(
      (c) => systems.includes(c.system) && (c.customersByEmail || c.customersByPhone || c.casesByCustomer),
    )
    .sort((a, b) => CUSTOMER_PRECEDENCE.indexOf(a.system) - CUSTOMER_PRECEDENCE.indexOf(b.system));
  const first = involved.map((c) => {
    if (!canAsk(c, asked)) return { c };
    const branch = run.branch();
    return { c, branch, answers: ask(c, branch, asked) };
  });
  const identity = await later;
  const added: CustomerRef = {
    email: asked.email ? undefined : identity.email,
    phone: asked.phone ? undefined : identity.phone,
  };
  const answers = await Promise.all(
    first.map(async ({ c, branch, answers }): Promise<Answers> => {
      if (!branch || !answers) return canAsk(c, identity) ? ask(c, run, identity) : [undefined, undefined];
      const [person, cases] = await answers;
      const nobody = person?.kind === 'not_found' && !(cases && valueOf(cases)?.length);
      if (nobody && canFind(c, added)) return ask(c, run, added);
      run.ledger.adopt(branch.ledger);
      return [person, cases];
    }),
  );
  const people = answers
    .map(([person]) => person && valueOf(person))
    .filter((p): p is Customer => Boolean(p));
  return {
    customer: mergeCustomers(people, identity),
    cases: mergeCases(answers.map(([, cases]) => (cases && valueOf(cases)) ?? [])),
    identity,
  };
}
