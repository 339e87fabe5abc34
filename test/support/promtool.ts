import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { HubMetrics } from '../../src/monitoring/hub-metrics';

/** Debian's `prometheus` package has it; .ci/run installs it when it is missing. */
export const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';

/** Runs promtool; its exit code and everything it printed. */
export async function promtool(args: string[], cwd?: string): Promise<{ code: number; output: string }> {
  return promisify(execFile)(PROMTOOL, args, { cwd }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code?: number; stdout?: string; stderr?: string }) => ({
      code: typeof error.code === 'number' ? error.code : 1,
      output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
    }),
  );
}

/** The hub_* metric names a PromQL expression reads (a histogram's _bucket, _count, _sum as itself). */
export function metricsIn(expr: string): string[] {
  return [...expr.matchAll(/\bhub_\w+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, ''));
}

/** Every metric name the hub exports. */
export async function exportedMetrics(): Promise<Set<string>> {
  return new Set((await new HubMetrics().registry.getMetricsAsJSON()).map((m) => m.name));
}
