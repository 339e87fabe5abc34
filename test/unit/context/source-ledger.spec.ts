import { type Connector, type LookupSubject, type SystemKind } from '../../../src/connectors/contract';
import { type CallOutcome } from '../../../src/context/source-call';
import { SourceLedger } from '../../../src/context/source-ledger';

/** Just enough of a connector for the ledger: identity and the manual-backup instructions. */
function fakeConnector(id: string, system: SystemKind): Connector {
  return {
    id,
    type: id,
    system,
    capabilities: [],
    mappingContext: {},
    manualLookup: (subject: LookupSubject) => ({
      instructions: `Look up order ${subject.orderNumber} in the ${id} admin.`,
      url: `https://${id}.example/admin/orders?query=${subject.orderNumber}`,
    }),
    healthCheck: async () => undefined,
  };
}

const NOW = Date.parse('2026-11-03T12:00:00Z');
const subject = { orderNumber: '1001' };

const ok = (latencyMs: number, fetchedAt = '2026-11-03T12:00:00Z'): CallOutcome<unknown> => ({
  kind: 'ok',
  value: {},
  latencyMs,
  fetchedAt,
});
const notFound = (latencyMs: number): CallOutcome<unknown> => ({
  kind: 'not_found',
  latencyMs,
  fetchedAt: '2026-11-03T12:00:00Z',
});
const failed = (
  latencyMs: number,
  code = 'timeout',
  message = 'did not answer in time',
): CallOutcome<unknown> => ({
  kind: 'failed',
  error: { code, message },
  latencyMs,
});
const stale = (latencyMs: number, fetchedAt: string): CallOutcome<unknown> => ({
  kind: 'stale',
  value: {},
  fetchedAt,
  error: { code: 'circuit_open', message: 'too many recent failures' },
  latencyMs,
});

describe('SourceLedger', () => {
  const shopify = fakeConnector('shopify', 'oms');
  const shipbob = fakeConnector('shipbob', 'wms');
  const aftership = fakeConnector('aftership', 'shipping');
  const zendesk = fakeConnector('zendesk', 'crm');

  let ledger: SourceLedger;
  beforeEach(() => {
    ledger = new SourceLedger();
  });

  it('reports a connector it was never asked as skipped', () => {
    expect(ledger.statuses([shopify, zendesk], subject, NOW)).toEqual([
      { connector: 'shopify', system: 'oms', status: 'skipped' },
      { connector: 'zendesk', system: 'crm', status: 'skipped' },
    ]);
  });

  it('reports one status per connector, in the order the connectors are given', () => {
    ledger.begin(zendesk, 'cases lookup')(ok(30));
    ledger.begin(shopify, 'order lookup')(notFound(12));
    expect(ledger.statuses([shopify, shipbob, zendesk], subject, NOW)).toEqual([
      {
        connector: 'shopify',
        system: 'oms',
        status: 'not_found',
        fetchedAt: '2026-11-03T12:00:00Z',
        ageSeconds: 0,
        latencyMs: 12,
      },
      { connector: 'shipbob', system: 'wms', status: 'skipped' },
      {
        connector: 'zendesk',
        system: 'crm',
        status: 'ok',
        fetchedAt: '2026-11-03T12:00:00Z',
        ageSeconds: 0,
        latencyMs: 30,
      },
    ]);
  });

  it('returns the outcome it records, so a call can be wrapped', () => {
    const outcome = ok(5);
    expect(ledger.begin(shopify, 'order lookup')(outcome)).toBe(outcome);
  });

  it('takes the status from the first call started, even when it completes last', () => {
    const order = ledger.begin(shopify, 'order lookup');
    const customer = ledger.begin(shopify, 'customer lookup');
    customer(notFound(80));
    order(ok(40));
    expect(ledger.statuses([shopify], subject, NOW)[0]).toMatchObject({ status: 'ok', latencyMs: 80 });
  });

  // Issue 10, defect 8: `ok` with an error said two things at once.
  it('reports a source whose follow-up failed as partial, never ok, with the call and a fallback', () => {
    const order = ledger.begin(shopify, 'order lookup');
    const customer = ledger.begin(shopify, 'customer lookup');
    customer(failed(80, 'rate_limited', 'Shopify answered 429'));
    order(ok(40));
    expect(ledger.statuses([shopify], subject, NOW)).toEqual([
      {
        connector: 'shopify',
        system: 'oms',
        status: 'partial',
        fetchedAt: '2026-11-03T12:00:00Z',
        ageSeconds: 0,
        latencyMs: 80,
        error: { code: 'rate_limited', message: 'customer lookup: Shopify answered 429' },
        fallback: {
          instructions: 'Look up order 1001 in the shopify admin.',
          url: 'https://shopify.example/admin/orders?query=1001',
        },
      },
    ]);
  });

  it('never reports ok together with an error, whatever the calls did', () => {
    const outcomes = [ok(1), notFound(1), failed(1), stale(1, '2026-11-03T11:00:00Z')];
    for (const first of outcomes) {
      for (const second of outcomes) {
        const each = new SourceLedger();
        each.begin(zendesk, 'customer lookup')(first);
        each.begin(zendesk, 'cases lookup')(second);
        const [status] = each.statuses([zendesk], subject, NOW);
        if (status.status === 'ok' || status.status === 'not_found') expect(status.error).toBeUndefined();
        else expect(status.error).toBeDefined();
      }
    }
  });

  it('keeps a failed first call unavailable (with its fallback) though a later call succeeded first', () => {
    const order = ledger.begin(shopify, 'order lookup');
    const customer = ledger.begin(shopify, 'customer lookup');
    customer(ok(25));
    order(failed(3000, 'timeout', 'shopify did not answer within the request deadline'));
    expect(ledger.statuses([shopify], subject, NOW)).toEqual([
      {
        connector: 'shopify',
        system: 'oms',
        status: 'unavailable',
        latencyMs: 3000,
        error: { code: 'timeout', message: 'shopify did not answer within the request deadline' },
        fallback: {
          instructions: 'Look up order 1001 in the shopify admin.',
          url: 'https://shopify.example/admin/orders?query=1001',
        },
      },
    ]);
  });

  it('reports a not_found source whose follow-up failed as partial', () => {
    const order = ledger.begin(shipbob, 'order lookup');
    const tracking = ledger.begin(shipbob, 'tracking');
    tracking(failed(50, 'upstream_error', 'ShipBob answered 502'));
    order(notFound(20));
    expect(ledger.statuses([shipbob], subject, NOW)).toEqual([
      {
        connector: 'shipbob',
        system: 'wms',
        status: 'partial',
        fetchedAt: '2026-11-03T12:00:00Z',
        ageSeconds: 0,
        latencyMs: 50,
        error: { code: 'upstream_error', message: 'tracking: ShipBob answered 502' },
        fallback: {
          instructions: 'Look up order 1001 in the shipbob admin.',
          url: 'https://shipbob.example/admin/orders?query=1001',
        },
      },
    ]);
  });

  it('reports a source whose follow-up came from a last-good copy as stale, as old as that copy', () => {
    ledger.begin(zendesk, 'customer lookup')(ok(10));
    ledger.begin(zendesk, 'cases lookup')(stale(15, '2026-11-03T11:00:00Z'));
    expect(ledger.statuses([zendesk], subject, NOW)[0]).toEqual({
      connector: 'zendesk',
      system: 'crm',
      status: 'stale',
      fetchedAt: '2026-11-03T11:00:00Z',
      ageSeconds: 3600,
      latencyMs: 15,
      error: { code: 'circuit_open', message: 'cases lookup: too many recent failures' },
      fallback: {
        instructions: 'Look up order 1001 in the zendesk admin.',
        url: 'https://zendesk.example/admin/orders?query=1001',
      },
    });
  });

  it('names the first failed follow-up when several failed', () => {
    ledger.begin(zendesk, 'customer lookup')(ok(10));
    const cases = ledger.begin(zendesk, 'cases lookup');
    const orders = ledger.begin(zendesk, 'orders lookup');
    orders(failed(20, 'unauthorized', 'token revoked'));
    cases(failed(30, 'timeout', 'slow'));
    expect(ledger.statuses([zendesk], subject, NOW)[0].error).toEqual({
      code: 'timeout',
      message: 'cases lookup: slow',
    });
  });

  it('adds no error when every follow-up succeeded', () => {
    ledger.begin(shopify, 'order lookup')(ok(10));
    ledger.begin(shopify, 'customer lookup')(notFound(90));
    ledger.begin(shopify, 'cases lookup')(ok(40));
    expect(ledger.statuses([shopify], subject, NOW)).toEqual([
      {
        connector: 'shopify',
        system: 'oms',
        status: 'ok',
        fetchedAt: '2026-11-03T12:00:00Z',
        ageSeconds: 0,
        latencyMs: 90,
      },
    ]);
  });

  it('serves a stale first call with its age, error and fallback', () => {
    ledger.begin(aftership, 'tracking')(stale(7, '2026-11-03T11:58:20Z'));
    expect(ledger.statuses([aftership], subject, NOW)).toEqual([
      {
        connector: 'aftership',
        system: 'shipping',
        status: 'stale',
        fetchedAt: '2026-11-03T11:58:20Z',
        ageSeconds: 100,
        latencyMs: 7,
        error: { code: 'circuit_open', message: 'too many recent failures' },
        fallback: {
          instructions: 'Look up order 1001 in the aftership admin.',
          url: 'https://aftership.example/admin/orders?query=1001',
        },
      },
    ]);
  });

  it('keeps a stale first call stale and its own error when a follow-up failed too', () => {
    ledger.begin(aftership, 'tracking')(stale(7, '2026-11-03T11:58:20Z'));
    ledger.begin(aftership, 'tracking again')(failed(300, 'timeout', 'slow'));
    const [status] = ledger.statuses([aftership], subject, NOW);
    expect(status.status).toBe('stale');
    expect(status.error).toEqual({ code: 'circuit_open', message: 'too many recent failures' });
    expect(status.latencyMs).toBe(300);
    expect(status.fallback?.url).toBe('https://aftership.example/admin/orders?query=1001');
  });

  it('asks the connector for its fallback about the request’s subject', () => {
    const manualLookup = jest.fn(() => ({ instructions: 'Search the customer in Zendesk.' }));
    const desk: Connector = { ...zendesk, manualLookup };
    ledger.begin(desk, 'customer lookup')(failed(1));
    const who = { email: 'ada@example.com' };
    expect(ledger.statuses([desk], who, NOW)[0].fallback).toEqual({
      instructions: 'Search the customer in Zendesk.',
    });
    expect(manualLookup).toHaveBeenCalledWith(who);
  });

  it('keeps connectors apart', () => {
    ledger.begin(shopify, 'order lookup')(ok(10));
    ledger.begin(shipbob, 'order lookup')(failed(20));
    const [oms, wms] = ledger.statuses([shopify, shipbob], subject, NOW);
    expect(oms).toMatchObject({ status: 'ok', latencyMs: 10 });
    expect(oms.error).toBeUndefined();
    expect(wms).toMatchObject({ status: 'unavailable', latencyMs: 20 });
  });
});
