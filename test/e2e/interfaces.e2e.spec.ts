import { alertReceiver } from '../support/alert-receiver';
import { type Harness, KEYS, startHarness } from '../support/hub-harness';

const until = async (check: () => boolean | Promise<boolean>, ms = 2_000) => {
  for (const end = Date.now() + ms; !(await check()) && Date.now() < end;)
    await new Promise((r) => setTimeout(r, 10));
};

describe('GET /v1/interfaces, /metrics and state-change alerts (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  let receiver: Awaited<ReturnType<typeof alertReceiver>>;
  beforeAll(async () => {
    receiver = await alertReceiver();
    hub = await startHarness(
      (c) => {
        c.resilience.breakerFailures = 2;
        c.resilience.halfOpenAfterMs = 300;
        c.resilience.retries = 0;
        c.monitoring.alertWebhookUrl = receiver.url;
      },
      { only: ['shopify'] },
    );
  });
  afterAll(async () => {
    await hub.close();
    receiver.server.close();
  });
  const interfaces = async () => (await hub.get('/v1/interfaces', KEYS.admin)).body[0];

  it('needs interfaces:read', async () => {
    expect((await hub.get('/v1/interfaces', KEYS.helpdesk)).status).toBe(403);
    expect((await hub.get('/metrics')).status).toBe(401);
  });

  it('reports each interface going down once, and coming back up once', async () => {
    expect(await interfaces()).toEqual({
      connector: 'shopify',
      system: 'oms',
      type: 'shopify',
      state: 'up',
      circuit: 'closed',
      window: { calls: 0, errors: 0, errorRate: 0, p50Ms: 0, p95Ms: 0 },
      queue: { waiting: 0, active: 0, delayed: 0, failed: 0 },
      openTasks: 0,
    });
    await hub.get('/v1/orders/1001/context', KEYS.helpdesk);
    expect(await interfaces()).toMatchObject({
      state: 'up',
      lastSuccessAt: expect.any(String),
      window: { calls: 2, errors: 0 },
    });

    await hub.fault('shopify', { errorRate: 1 });
    for (const n of [1010, 1011, 1012, 1013]) await hub.get(`/v1/orders/${n}/context`, KEYS.helpdesk);
    expect(await interfaces()).toMatchObject({
      state: 'down',
      circuit: 'open',
      lastFailureAt: expect.any(String),
      lastError: { code: expect.stringMatching(/^(upstream_unavailable|circuit_open)$/) },
    });
    // One manual-backup task for the outage, however many failed calls it took.
    await until(async () => (await interfaces()).openTasks === 1);
    const tasks = (await hub.get('/v1/tasks?kind=interface_down', KEYS.admin)).body;
    expect(tasks).toMatchObject({ total: 1, tasks: [{ connector: 'shopify', status: 'open' }] });
    expect(tasks.tasks[0].url).toMatch(/^https:\/\/admin\.shopify\.com\//);
    await until(() => receiver.alerts.length >= 1);
    expect(receiver.alerts).toEqual([
      expect.objectContaining({
        kind: 'interface_state_changed',
        connector: 'shopify',
        from: 'up',
        to: 'down',
        circuit: 'open',
      }),
    ]);

    await hub.resetFaults();
    await new Promise((r) => setTimeout(r, 350));
    expect((await hub.get('/v1/orders/1001/context', KEYS.helpdesk)).status).toBe(200);
    expect((await interfaces()).circuit).toBe('closed');
    // The circuit is closed, but the recent window still holds the failures: degraded, then up
    // once enough good calls dilute them. One alert per change, none repeated.
    await until(() => receiver.alerts.length >= 2);
    for (const n of [1002, 1003, 1004]) await hub.get(`/v1/orders/${n}/context`, KEYS.helpdesk);
    await until(() => receiver.alerts.length >= 3);
    expect(receiver.alerts.map((a) => `${a.from}→${a.to}`)).toEqual([
      'up→down',
      'down→degraded',
      'degraded→up',
    ]);
    expect(await interfaces()).toMatchObject({ state: 'up', circuit: 'closed', openTasks: 0 });
    // Closed by the hub itself when the interface came back.
    const closed = (await hub.get('/v1/tasks?kind=interface_down&status=resolved', KEYS.admin)).body;
    expect(closed.tasks).toEqual([
      expect.objectContaining({ status: 'resolved', outcome: 'recovered', resolvedBy: 'context-hub' }),
    ]);
  });

  it('serves Prometheus metrics by connector, operation and outcome', async () => {
    const res = await fetch(`${hub.hubUrl}/metrics`, { headers: { authorization: `Bearer ${KEYS.admin}` } });
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(
      /hub_connector_call_duration_seconds_count\{connector="shopify",operation="order",outcome="ok"\} \d+/,
    );
    expect(text).toMatch(
      /hub_connector_call_duration_seconds_count\{connector="shopify",operation="order",outcome="upstream_unavailable"\} \d+/,
    );
    expect(text).toContain('hub_connector_circuit_state{connector="shopify"} 0');
    expect(text).toMatch(/hub_interface_state_changes_total\{connector="shopify",to="down"\} 1/);
    expect(text).toContain('hub_process_resident_memory_bytes');
    expect(text).toContain('hub_open_tasks{connector="shopify"} 0');
    expect(text).toMatch(/hub_queue_jobs\{connector="shopify",state="waiting"\} 0/);
    expect(text).not.toMatch(/@|demo-|shpat/); // no emails, keys or tokens
  });
});

describe('health probes', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness((c) => (c.monitoring.probeIntervalMs = 100), { only: ['shopify'] });
  });
  afterAll(() => hub.close());

  it("run every connector's cheap health check on their own", async () => {
    await new Promise((r) => setTimeout(r, 350));
    const res = await fetch(`${hub.hubUrl}/metrics`, { headers: { authorization: `Bearer ${KEYS.admin}` } });
    expect(await res.text()).toMatch(/operation="healthCheck",outcome="ok"\} [1-9]/);
    expect((await hub.get('/v1/interfaces', KEYS.admin)).body[0].lastSuccessAt).toEqual(expect.any(String));
  });
});
