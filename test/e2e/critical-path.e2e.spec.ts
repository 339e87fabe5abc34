import { type Harness, KEYS, startHarness } from '../support/hub-harness';
import { captureLogs } from '../support/log-capture';

/**
 * Issue 11, part 1: a hung or slow source never delays calls that do not need its answer. Stripe
 * knows orders by number too, but the tracking numbers and the customer come from the shop.
 */
describe('the order context with one source hanging', () => {
  let hub: Harness;
  const logs = captureLogs();
  const level = process.env.LOG_LEVEL;
  beforeAll(async () => {
    process.env.LOG_LEVEL = 'debug';
    hub = await startHarness(
      (c) => {
        c.context.deadlineMs = 1_500;
      },
      { logStream: logs.stream },
    );
  });
  afterAll(async () => {
    await hub.close();
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
  });

  afterEach(() => hub.resetFaults());

  const statuses = (body: { sources: { connector: string; status: string }[] }) =>
    Object.fromEntries(body.sources.map((s) => [s.connector, s.status]));

  it('still asks the carriers and the help desks while Stripe hangs', async () => {
    // An order whose parcels the carriers track, as the sandbox answers with no fault.
    const healthy = await hub.get('/v1/orders/1001/context', KEYS.helpdesk);
    const tracked = Object.entries(statuses(healthy.body))
      .filter(([id, status]) => ['easypost', 'aftership'].includes(id) && status === 'ok')
      .map(([id]) => id);
    expect(tracked.length).toBeGreaterThan(0);

    await hub.clearLastGood();
    await hub.fault('stripe', { hang: true });
    const res = await hub.get('/v1/orders/1001/context', KEYS.helpdesk);
    expect(res.status).toBe(200);
    const now = statuses(res.body);
    expect(now.stripe).toBe('unavailable');
    for (const id of [...tracked, 'hubspot', 'zendesk', 'shopify', 'shipbob'])
      expect([id, now[id]]).toEqual([id, 'ok']);
    expect(res.body.cases.length).toBeGreaterThan(0);
  });

  it('logs the calls an answer took, with when each started and ended', async () => {
    const id = 'timeline-1002';
    await hub.get('/v1/orders/1002/context', KEYS.helpdesk, { 'x-request-id': id });
    const line = await logs.waitFor((l) => l.reqId === id && l.msg === 'order context: the calls it took');
    expect(line.calls).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ connector: 'shopify', call: 'order lookup', startMs: expect.any(Number) }),
      ]),
    );
    for (const call of line.calls) {
      expect(call.outcome).not.toBe('in_flight');
      expect(call.endMs).toBeGreaterThanOrEqual(call.startMs);
    }
  });
});
