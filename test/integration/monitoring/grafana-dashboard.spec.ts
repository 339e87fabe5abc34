import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { exportedMetrics, metricsIn, promtool } from '../../support/promtool';

const GRAFANA = join(__dirname, '../../../deploy/grafana');

interface Panel {
  id: number;
  title: string;
  datasource: { uid: string };
  targets: { expr: string; datasource: { uid: string } }[];
}

/** deploy/grafana: the dashboard IT imports, with every query checked by Prometheus' promtool. */
describe('Grafana dashboard (deploy/grafana)', () => {
  const dashboard = JSON.parse(readFileSync(join(GRAFANA, 'dashboards/context-hub.json'), 'utf8')) as {
    uid: string;
    panels: Panel[];
  };
  const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr));

  it('has only queries promtool compiles (Grafana variables as a scrape would fill them)', async () => {
    // Each query becomes a recording rule: `promtool check rules` parses and type-checks it.
    const dir = mkdtempSync(join(tmpdir(), 'hub-dashboard-'));
    try {
      const rules = exprs.map((expr, i) => ({
        record: `dashboard:query_${i + 1}`,
        expr: expr.replaceAll('$__rate_interval', '5m'),
      }));
      writeFileSync(join(dir, 'dashboard.rules.yml'), stringify({ groups: [{ name: 'dashboard', rules }] }));
      const { code, output } = await promtool(['check', 'rules', join(dir, 'dashboard.rules.yml')]);
      expect({ code, output }).toEqual({
        code: 0,
        output: expect.stringContaining(`SUCCESS: ${exprs.length} rules found`),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads only metrics the hub exports, so a renamed metric breaks the build', async () => {
    const exported = await exportedMetrics();
    for (const name of new Set(exprs.flatMap(metricsIn)))
      expect([name, exported.has(name)]).toEqual([name, true]);
  });

  it('shows what IT asked for: health, latency, errors, circuits, copies, queues, tasks, budgets', () => {
    const all = exprs.join('\n');
    for (const needed of [
      'hub_interface_state',
      'histogram_quantile(0.95',
      'outcome!~"ok|not_found"',
      'hub_connector_circuit_state',
      'status="stale"',
      'hub_queue_jobs',
      'hub_open_tasks',
      'hub_vendor_budget_calls_total',
    ])
      expect([needed, all.includes(needed)]).toEqual([needed, true]);
    expect(new Set(dashboard.panels.map((p) => p.id)).size).toBe(dashboard.panels.length);
  });

  it('is provisioned with the datasource its panels name', () => {
    const datasources = parse(
      readFileSync(join(GRAFANA, 'provisioning/datasources/prometheus.yml'), 'utf8'),
    ) as {
      datasources: { uid: string; type: string }[];
    };
    const uid = datasources.datasources[0].uid;
    expect(datasources.datasources[0].type).toBe('prometheus');
    for (const panel of dashboard.panels) {
      expect([panel.title, panel.datasource.uid]).toEqual([panel.title, uid]);
      for (const target of panel.targets)
        expect([panel.title, target.datasource.uid]).toEqual([panel.title, uid]);
    }
    const providers = parse(
      readFileSync(join(GRAFANA, 'provisioning/dashboards/context-hub.yml'), 'utf8'),
    ) as {
      providers: { type: string; options: { path: string } }[];
    };
    expect(providers.providers[0]).toMatchObject({ type: 'file', options: { path: expect.any(String) } });
  });
});
