import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { exportedMetrics, metricsIn, PROMTOOL, promtool } from '../../support/promtool';

const ROOT = join(__dirname, '../../..');
const RULES = join(ROOT, 'deploy/prometheus/context-hub.rules.yml');
const TESTS = join(ROOT, 'deploy/prometheus/context-hub.rules.test.yml');
const run = (args: string[]) => promtool(args, join(ROOT, 'deploy/prometheus'));

interface Rule {
  alert: string;
  expr: string;
  annotations: { summary: string; runbook: string };
}

/** deploy/prometheus: the alert rules IT loads, checked and unit-tested by Prometheus' own promtool. */
describe('Prometheus alert rules (promtool)', () => {
  const rules = (parse(readFileSync(RULES, 'utf8')) as { groups: { rules: Rule[] }[] }).groups.flatMap(
    (g) => g.rules,
  );

  it('finds promtool (Debian package prometheus; .ci/run installs it)', () => {
    expect(existsSync(PROMTOOL)).toBe(true);
  });

  it('passes promtool check rules', async () => {
    const { code, output } = await run(['check', 'rules', RULES]);
    expect({ code, output }).toEqual({
      code: 0,
      output: expect.stringContaining(`SUCCESS: ${rules.length} rules found`),
    });
  });

  it('passes its unit tests (promtool test rules), one test or more per alert', async () => {
    const { code, output } = await run(['test', 'rules', TESTS]);
    expect({ code, output }).toEqual({ code: 0, output: expect.stringContaining('SUCCESS') });
    const tested = readFileSync(TESTS, 'utf8');
    for (const rule of rules)
      expect([rule.alert, tested.includes(`alertname: ${rule.alert}`)]).toEqual([rule.alert, true]);
  });

  it('reads only metrics the hub exports, so a renamed metric breaks the build', async () => {
    const exported = await exportedMetrics();
    const used = new Set(rules.flatMap((r) => metricsIn(r.expr)));
    expect(used.size).toBeGreaterThan(5);
    for (const name of used) expect([name, exported.has(name)]).toEqual([name, true]);
  });

  it('points each alert at its section of docs/alerts.md', () => {
    const doc = readFileSync(join(ROOT, 'docs/alerts.md'), 'utf8');
    for (const rule of rules) {
      expect(rule.annotations.runbook).toBe(`docs/alerts.md#${rule.alert.toLowerCase()}`);
      expect([rule.alert, doc.includes(`## ${rule.alert}\n`)]).toEqual([rule.alert, true]);
    }
  });
});
