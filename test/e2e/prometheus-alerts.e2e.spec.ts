import { type Harness, KEYS, startHarness, until } from '../support/hub-harness';
import { type Prometheus, startPrometheus } from '../support/prometheus';

jest.setTimeout(120_000);

interface Alert {
  labels: Record<string, string>;
  state: 'pending' | 'firing';
}

/**
 * The alert rules on a real Prometheus (Debian's, on loopback) scraping a live hub on the sandbox:
 * a vendor goes down, HubInterfaceDown goes pending, then firing; the vendor comes back and the
 * alert resolves. Timing-tolerant: everything is polled with a bound, nothing waits a fixed time.
 */
describe('alert rules on a real Prometheus (hub + sandbox + prometheus)', () => {
  let hub: Harness;
  let prometheus: Prometheus;
  let passed = false;

  beforeAll(async () => {
    hub = await startHarness(
      (c) => {
        // Probes every 200 ms find the outage without traffic; 3 failures open the circuit.
        c.monitoring.probeIntervalMs = 200;
        c.resilience.breakerFailures = 3;
        c.resilience.halfOpenAfterMs = 500;
        c.resilience.retries = 0;
      },
      { only: ['shopify'] },
    );
    // `for: 5s` instead of the file's minutes: pending lasts long enough to be seen.
    prometheus = await startPrometheus(hub.hubUrl, KEYS.admin, 5);
  });
  afterAll(async () => {
    if (!passed) console.warn(`--- prometheus ---\n${prometheus?.output()}`);
    await prometheus?.stop();
    await hub?.close();
  });

  const interfaceDown = async () =>
    ((await prometheus.api<{ alerts: Alert[] }>('alerts')).alerts ?? []).filter(
      (a) => a.labels.alertname === 'HubInterfaceDown' && a.labels.connector === 'shopify',
    );

  it('loads every rule and scrapes the hub', async () => {
    const groups = (await prometheus.api<{ groups: { rules: { name: string }[] }[] }>('rules')).groups;
    expect(groups.flatMap((g) => g.rules.map((r) => r.name))).toEqual(
      expect.arrayContaining(['HubInterfaceDown', 'HubRedisDown', 'HubManualTasksPastSla']),
    );
    const up = await until(
      async () => (await prometheus.api<{ result: { value: [number, string] }[] }>('query?query=up')).result,
      (result) => result[0]?.value[1] === '1',
      30_000,
    );
    expect(up[0].value[1]).toBe('1');
    expect(await interfaceDown()).toEqual([]);
  });

  it('fires HubInterfaceDown through pending when a vendor goes down, and resolves it when it is back', async () => {
    await hub.fault('shopify', { down: true });
    const seen = new Set<string>();
    await until(
      async () => {
        for (const alert of await interfaceDown()) seen.add(alert.state);
        return seen;
      },
      (states) => states.has('firing'),
      60_000,
    );
    expect([...seen].sort()).toEqual(['firing', 'pending']);

    await hub.resetFaults();
    const after = await until(interfaceDown, (alerts) => alerts.length === 0, 60_000);
    expect(after).toEqual([]);
    passed = true;
  });
});
