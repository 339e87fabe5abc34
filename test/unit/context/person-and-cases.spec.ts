import { type Customer, type SupportCase } from '../../../src/canonical';
import { type ConnectorRegistry } from '../../../src/connectors/connector.registry';
import { type Connector, type CustomerRef } from '../../../src/connectors/contract';
import { type Fanout } from '../../../src/context/fanout';
import { findPersonAndCases } from '../../../src/context/lookups';
import { type CallOutcome } from '../../../src/context/source-call';
import { aCase, aCustomer } from '../../support/canonical.factory';

/** A help desk or payment provider that knows people by some emails and phones. */
function system(
  id: string,
  kind: 'crm' | 'payments',
  knows: { email?: string; phone?: string },
  options: { byPhone?: boolean } = {},
): Connector {
  return {
    id,
    system: kind,
    customersByEmail: async () => [],
    ...(options.byPhone === false ? {} : { customersByPhone: async () => [] }),
    ...(kind === 'crm' ? { casesByCustomer: async () => [] } : {}),
    knows,
  } as unknown as Connector;
}

/**
 * The calls of one request, as findPersonAndCases makes them: who was asked what, on which
 * ledger (the request's, or a branch of it adopted later).
 */
function recordingRun(log: string[], name = 'request'): Fanout {
  const found = (c: Connector, who: CustomerRef) => {
    const knows = (c as unknown as { knows: CustomerRef }).knows;
    return (
      (who.email !== undefined && who.email === knows.email) ||
      (who.phone !== undefined && who.phone === knows.phone)
    );
  };
  const said = (what: string, c: Connector, who: CustomerRef) =>
    log.push(`${name}: ${what} ${c.id} by ${[who.email, who.phone].filter(Boolean).join(' + ')}`);
  return {
    branch: () => recordingRun(log, `${name}/${log.length}`),
    ledger: { adopt: (branch: { name: string }) => log.push(`${name}: adopts ${branch.name}`), name },
    customer: async (c: Connector, who: CustomerRef): Promise<CallOutcome<Customer>> => {
      said('person', c, who);
      return found(c, who)
        ? { kind: 'ok', value: aCustomer({ id: c.id, email: who.email }), latencyMs: 1, fetchedAt: '' }
        : { kind: 'not_found', latencyMs: 1, fetchedAt: '' };
    },
    cases: async (c: Connector, who: CustomerRef): Promise<CallOutcome<SupportCase[]>> => {
      said('cases', c, who);
      const value = found(c, who)
        ? [aCase({ id: `${c.id}-1`, subject: `${c.id} case`, sources: [{ connector: c.id, id: '1' }] })]
        : [];
      return { kind: value.length ? 'ok' : 'not_found', value, latencyMs: 1, fetchedAt: '' } as CallOutcome<
        SupportCase[]
      >;
    },
  } as unknown as Fanout;
}

const registry = (...connectors: Connector[]) => ({ all: () => connectors }) as unknown as ConnectorRegistry;
const SYSTEMS = ['crm', 'payments'] as const;

describe('findPersonAndCases: asked at once, again with what the shop adds only where no one was found', () => {
  it('asks with the caller’s email at once, and by the shop’s phone only the desk that knew no one by email', async () => {
    const log: string[] = [];
    let shopAnswers!: (who: CustomerRef) => void;
    const later = new Promise<CustomerRef>((resolve) => (shopAnswers = resolve));
    const hubspot = system('hubspot', 'crm', { phone: '+15550100' });
    const zendesk = system('zendesk', 'crm', { email: 'ann@example.com' });
    const answer = findPersonAndCases(
      recordingRun(log),
      registry(hubspot, zendesk),
      { email: 'ann@example.com' },
      later,
      SYSTEMS,
    );
    await new Promise((r) => setImmediate(r));
    // Before the shop said anything, every desk was asked by the email.
    expect(log.filter((l) => l.includes(' by '))).toHaveLength(4);
    shopAnswers({ email: 'ann@example.com', phone: '+15550100' });
    const { customer, cases } = await answer;

    expect(log.filter((l) => l.startsWith('request: person') || l.startsWith('request: cases'))).toEqual([
      'request: person hubspot by +15550100',
      'request: cases hubspot by +15550100',
    ]);
    expect(log.filter((l) => l.includes('adopts'))).toHaveLength(1); // zendesk's first answer stands
    expect(cases.map((c) => c.id).sort()).toEqual(['hubspot-1', 'zendesk-1']);
    expect(customer).not.toBeNull();
  });

  it('asks a provider that finds people by email only once the shop gave the email of a phone', async () => {
    const log: string[] = [];
    const stripe = system('stripe', 'payments', { email: 'ann@example.com' }, { byPhone: false });
    const { customer } = await findPersonAndCases(
      recordingRun(log),
      registry(stripe),
      { phone: '+15550100' },
      Promise.resolve({ email: 'ann@example.com', phone: '+15550100' }),
      SYSTEMS,
    );
    expect(log).toEqual(['request: person stripe by ann@example.com + +15550100']);
    expect(customer?.id).toBe('stripe');
  });

  it('keeps every first answer when the shop adds nothing (it hung, or knew no more)', async () => {
    const log: string[] = [];
    const hubspot = system('hubspot', 'crm', { phone: '+15550100' });
    const { cases } = await findPersonAndCases(
      recordingRun(log),
      registry(hubspot),
      { email: 'ann@example.com' },
      Promise.resolve({ email: 'ann@example.com' }),
      SYSTEMS,
    );
    expect(cases).toEqual([]);
    expect(log.filter((l) => l.startsWith('request: person') || l.startsWith('request: cases'))).toEqual([]);
    expect(log.filter((l) => l.includes('adopts'))).toHaveLength(1);
  });
});
