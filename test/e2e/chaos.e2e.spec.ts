import { type Order, type World } from '../../sandbox/world/world.types';
import { alertReceiver } from '../support/alert-receiver';
import { type Harness, KEYS, startHarness, until } from '../support/hub-harness';

/**
 * Chaos, vendor by vendor (issue 4, "Done when"): each of the seven vendors in turn is switched off
 * with the sandbox's fault injection while the hub answers order context, then switched back on.
 *
 * Switched off, the hub still answers within its deadline, the vendor's source `stale` (its last good
 * copy, for an order it answered before) or `unavailable` (no copy), each with what an agent does by
 * hand; the circuit opens, the interface reads `down`, ONE manual-backup task opens and ONE alert
 * fires, however many calls fail. Switched back on, the hub notices by itself (its health probes make
 * the half-open trial), the interface is `up` again, the hub closes the task and the alerts say so.
 *
 * One hub for all seven, one vendor after the other, each back `up` before the next goes off.
 */

/** The answer deadline (context.deadlineMs). */
const DEADLINE_MS = 2_000;
/** Wall-clock allowance on top of the deadline: tests never fail on speed, only on a hang. */
const MARGIN_MS = 1_500;

interface Outage {
  vendor: string;
  /** The sandbox fault that switches the vendor off (sandbox/faults/fault.schema.ts). */
  fault: { errorRate?: number; down?: boolean; hang?: boolean };
  /** The error code of a call that failed (not skipped). */
  code: string;
  /** Where the fallback's deep link leads. */
  url: RegExp;
  /**
   * The circuit's pause, when a failing call takes long (resilience.connectors.<id>.halfOpenAfterMs):
   * longer than any failing call lasts, so no call let through before the circuit opened comes back
   * while a half-open trial is out (see the note at the end of this file).
   */
  halfOpenAfterMs?: number;
}

const OUTAGES: Outage[] = [
  // Every call answered with HTTP 503.
  {
    vendor: 'shopify',
    fault: { errorRate: 1 },
    code: 'upstream_unavailable',
    url: /^https:\/\/admin\.shopify\.com\//,
  },
  // Every connection reset at once (ECONNRESET).
  {
    vendor: 'shipbob',
    fault: { down: true },
    code: 'upstream_unavailable',
    url: /^https:\/\/[\w.-]*shipbob\.com\//,
  },
  // Connections accepted and never answered: only the deadline ends a context call's wait.
  {
    vendor: 'easypost',
    fault: { hang: true },
    code: 'timeout',
    url: /^https:\/\/[\w.-]*easypost\.com\//,
    halfOpenAfterMs: 4_000,
  },
  {
    vendor: 'aftership',
    fault: { errorRate: 1 },
    code: 'upstream_unavailable',
    url: /^https:\/\/[\w.-]*aftership\.com\//,
  },
  // Reset connections; the Stripe SDK retries a reset once after 0.5-1 s (stripe.client.ts).
  {
    vendor: 'stripe',
    fault: { down: true },
    code: 'upstream_unavailable',
    url: /^https:\/\/dashboard\.stripe\.com\//,
    halfOpenAfterMs: 2_000,
  },
  {
    vendor: 'hubspot',
    fault: { errorRate: 1 },
    code: 'upstream_unavailable',
    url: /^https:\/\/app\.hubspot\.com\//,
  },
  {
    vendor: 'zendesk',
    fault: { down: true },
    code: 'upstream_unavailable',
    url: /^https:\/\/sandbox\.zendesk\.com\//,
  },
];

/**
 * Orders all seven vendors know, from the seeded world: in the shop, with a parcel that has a
 * tracking number (warehouse, both trackers), a card payment (Stripe) and help-desk tickets
 * (HubSpot, Zendesk); one per customer, because the help desks' copies are kept per customer.
 */
function ordersEveryVendorKnows(world: World): number[] {
  const known = (o: Order) =>
    !o.omsMissing &&
    !o.cancellation &&
    o.parcels.some((p) => !p.cancelledAt && !p.omsLacksTracking) &&
    o.payments.some((p) => p.gateway === 'shopify_payments') &&
    world.tickets.some((t) => t.customerId === o.customerId);
  const customers = new Set<number>();
  return world.orders
    .filter(known)
    .filter((o) => !customers.has(o.customerId) && customers.add(o.customerId))
    .map((o) => o.number);
}

describe('chaos: every vendor switched off, then on again (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  let receiver: Awaited<ReturnType<typeof alertReceiver>>;
  /** Answered before every outage: each vendor has a last-good copy of it. */
  let withCopy: number;
  /** One per vendor, never asked before that vendor's outage: no copy. */
  let fresh: number[];
  /** For more failing calls. */
  let spare: number[];

  beforeAll(async () => {
    receiver = await alertReceiver();
    hub = await startHarness((c) => {
      c.context.deadlineMs = DEADLINE_MS;
      c.resilience.retries = 0;
      c.resilience.breakerFailures = 3;
      c.resilience.halfOpenAfterMs = 200;
      c.monitoring.probeIntervalMs = 500;
      c.monitoring.windowMs = 10_000;
      c.monitoring.alertWebhookUrl = receiver.url;
      for (const { vendor, fault, halfOpenAfterMs } of OUTAGES) {
        if (halfOpenAfterMs) c.resilience.connectors[vendor] = { halfOpenAfterMs };
        // A hung vendor's own socket timeout is longer than the deadline, so the deadline is what
        // ends a context call's wait (probes, which have no deadline, give up at the timeout).
        if (fault.hang) (c.connectors[vendor] as { timeoutMs?: number }).timeoutMs = DEADLINE_MS + 500;
      }
    });
    const orders = ordersEveryVendorKnows(hub.world);
    withCopy = orders[0];
    fresh = orders.slice(1, 1 + OUTAGES.length);
    spare = orders.slice(1 + OUTAGES.length, 4 + OUTAGES.length);
    expect(spare).toHaveLength(3);
  });
  afterAll(async () => {
    await hub?.close();
    receiver?.server.close();
  }, 20_000);

  describe.each(OUTAGES.map((o, i) => [o.vendor, o, i] as const))('%s', (vendor, outage, index) => {
    let withoutCopy: number;
    let primedAt: string;
    let switchedOffAt: number;
    /** Alerts and closed tasks of this vendor from before its outage (none, unless the machine is so
     * busy that a healthy vendor missed deadlines while another one was tested). */
    let alertsBefore: number;
    let resolvedBefore: number;
    beforeAll(() => {
      withoutCopy = fresh[index];
    });

    const context = async (order: number) => {
      const started = performance.now();
      const res = await hub.get(`/v1/orders/${order}/context`, KEYS.helpdesk);
      const source = res.body.sources?.find((s: { connector: string }) => s.connector === vendor);
      return { status: res.status, source, ms: performance.now() - started };
    };
    const iface = async () =>
      (await hub.get('/v1/interfaces', KEYS.admin)).body.find(
        (i: { connector: string }) => i.connector === vendor,
      );
    const tasks = async (status = 'active') =>
      (await hub.get(`/v1/tasks?kind=interface_down&connector=${vendor}&status=${status}`, KEYS.admin)).body;
    const alerts = () => receiver.alerts.filter((a) => a.connector === vendor).slice(alertsBefore);
    const path = () => alerts().map((a) => `${a.from}→${a.to}`);
    /** One request after the other (a busy machine must not make healthy vendors miss the deadline). */
    const driveUntil = (orders: number[], check: (i: any) => boolean, ms: number) => {
      let next = 0;
      return until(
        async () => {
          await context(orders[next++ % orders.length]);
          return iface();
        },
        check,
        ms,
      );
    };

    it('before: answers ok, keeps a last-good copy, interface up', async () => {
      const first = await context(withCopy);
      expect(first.status).toBe(200);
      expect(first.source).toMatchObject({ status: 'ok', fetchedAt: expect.any(String) });
      primedAt = first.source.fetchedAt;
      // Enough good calls in the window that the few failures before the breaker opens do not make
      // the interface degraded first: the first alert is then up→down.
      const healthy = await driveUntil(
        [withCopy, ...spare],
        (i) => i.window.calls >= 24 && i.state === 'up' && i.circuit === 'closed' && i.openTasks === 0,
        15_000,
      );
      expect(healthy).toMatchObject({ state: 'up', circuit: 'closed', openTasks: 0 });
      expect(healthy.window.calls).toBeGreaterThanOrEqual(24);
      alertsBefore = receiver.alerts.filter((a) => a.connector === vendor).length;
      resolvedBefore = (await tasks('resolved')).total;
    });

    it('switched off: answers within the deadline, stale or unavailable with a fallback; circuit open, interface down, one task, one alert', async () => {
      switchedOffAt = Date.now();
      await hub.fault(vendor, outage.fault);

      // An order it has no copy of: unavailable, with what to do by hand.
      const none = await context(withoutCopy);
      expect(none.status).toBe(200);
      expect(none.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      expect(none.source).toMatchObject({
        status: 'unavailable',
        error: { code: outage.code },
        fallback: { instructions: expect.stringContaining(String(withoutCopy)), url: expect.any(String) },
      });
      expect(none.source.fallback.url).toMatch(outage.url);

      // More failing calls open the circuit (the probes may help).
      const open = await driveUntil(spare, (i) => i.circuit === 'open', 15_000);
      expect(open).toMatchObject({ state: 'down', circuit: 'open' });

      // The order it answered before: its last good copy, stale, with its age.
      const copy = await context(withCopy);
      expect(copy.status).toBe(200);
      expect(copy.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
      expect(copy.source).toMatchObject({
        status: 'stale',
        fetchedAt: expect.any(String),
        ageSeconds: expect.any(Number),
        error: { code: expect.any(String) },
        fallback: { instructions: expect.any(String), url: expect.stringMatching(outage.url) },
      });
      expect(Date.parse(copy.source.fetchedAt)).toBeGreaterThanOrEqual(Date.parse(primedAt));
      expect(Date.parse(copy.source.fetchedAt)).toBeLessThanOrEqual(switchedOffAt);
      expect(copy.source.ageSeconds).toBeGreaterThanOrEqual(0);

      // Many more calls while it is off: each answered in time, with the fallback.
      for (const order of [withoutCopy, ...spare, withCopy, withoutCopy]) {
        const answer = await context(order);
        expect(answer.status).toBe(200);
        expect(answer.ms).toBeLessThan(DEADLINE_MS + MARGIN_MS);
        // Not asked while the circuit is open: skipped (no copy) or stale.
        expect(['stale', 'unavailable', 'skipped']).toContain(answer.source.status);
        expect(answer.source.fallback).toMatchObject({
          instructions: expect.any(String),
          url: expect.stringMatching(outage.url),
        });
      }

      // One manual-backup task and one alert for the outage, however many calls failed.
      // (Read while the circuit is open, not during one of its half-open trials.)
      expect(await until(iface, (i) => i.openTasks === 1 && i.circuit === 'open')).toMatchObject({
        state: 'down',
        circuit: 'open',
        openTasks: 1,
        lastFailureAt: expect.any(String),
        lastError: { code: expect.any(String), message: expect.any(String) },
      });
      const open1 = await tasks();
      expect(open1).toMatchObject({
        total: 1,
        tasks: [{ connector: vendor, kind: 'interface_down', status: 'open' }],
      });
      expect(open1.tasks[0].url).toMatch(outage.url);
      await until(
        async () => alerts(),
        (a) => a.length >= 1,
      );
      expect(alerts()).toEqual([
        expect.objectContaining({
          kind: 'interface_state_changed',
          connector: vendor,
          from: 'up',
          to: 'down',
          circuit: 'open',
        }),
      ]);
    });

    it('switched back on: circuit closed, interface up, task closed by the hub, alerts down→…→up', async () => {
      await hub.resetFaults();
      // No traffic: the health probes make the half-open trial.
      expect(await until(iface, (i) => i.circuit === 'closed', 15_000)).toMatchObject({ circuit: 'closed' });
      // The window still holds the failures; good calls dilute them.
      const up = await driveUntil([withCopy, withoutCopy, ...spare], (i) => i.state === 'up', 15_000);
      expect(up).toMatchObject({ state: 'up', circuit: 'closed' });
      expect((await context(withoutCopy)).source.status).toBe('ok');

      // The window is by time: as the good calls made before the outage age out of it, the outage's
      // errors can weigh enough again for a moment to read degraded (seen on a loaded CI machine),
      // so good calls keep going until the task is closed and the interface reads up together.
      const settled = await driveUntil(
        [withCopy, withoutCopy, ...spare],
        (i) => i.openTasks === 0 && i.state === 'up',
        15_000,
      );
      expect(settled).toMatchObject({ state: 'up', openTasks: 0 });
      expect((await tasks()).total).toBe(0);
      const closed = await tasks('resolved');
      expect(closed.total).toBe(resolvedBefore + 1);
      expect(closed.tasks[0]).toMatchObject({
        connector: vendor,
        status: 'resolved',
        outcome: 'recovered',
        resolvedBy: 'context-hub',
      });

      // Down once, then up again (through degraded while good calls dilute the failures).
      await until(
        async () => path(),
        (p) => p.includes('degraded→up') || p.includes('down→up'),
      );
      const recovered = path().findIndex((p) => p.endsWith('→up')) + 1;
      expect([
        ['up→down', 'down→up'],
        ['up→down', 'down→degraded', 'degraded→up'],
      ]).toContainEqual(path().slice(0, recovered));
      // Never down again. (As the 10 s window slides, the outage's failures may briefly weigh more
      // than the good calls left in it: up→degraded→up, window arithmetic, not a second outage.)
      expect(path().filter((p) => p.endsWith('→down'))).toEqual(['up→down']);
      expect(
        path()
          .slice(recovered)
          .every((p) => p === 'up→degraded' || p === 'degraded→up'),
      ).toBe(true);
    });
  });
});

/*
 * Note on the circuit's pause and hung vendors: two behaviours of the hub this suite steers around
 * (both reported as bugs with this suite).
 * 1. The breaker (cockatiel) counts the outcome of every call it let through, even one that comes
 *    back after the circuit has moved on: a failure let through while the circuit was closed that
 *    lands during a half-open trial opens the circuit again (a second trial may then start while the
 *    first is still out), and one landing after a successful trial re-opens a recovered circuit. With
 *    the default pause (10 s, longer than a call may last) this cannot happen; with a pause shorter
 *    than a failing call, as a hung vendor or the Stripe SDK's own retry of a reset makes it, it does.
 *    So those two get a pause longer than their slowest failing call here.
 * 2. A context call that is (or waits for) a hung vendor's half-open trial gives up at its deadline
 *    and is recorded as failed before the breaker has settled the trial, while the circuit still
 *    reads half-open, which the monitor maps to `degraded`: under traffic, a hung vendor's interface
 *    alerts down→degraded→down on every trial, with the default settings too. This suite sends no
 *    traffic while a hung vendor's trial is out.
 */
