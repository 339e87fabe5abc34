import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { freePort, outputOf } from './hub-process';

/** Debian's prometheus package; .ci/run installs it when it is missing. */
export const PROMETHEUS = process.env.PROMETHEUS_PATH ?? '/usr/bin/prometheus';
const RULES = join(__dirname, '../../deploy/prometheus/context-hub.rules.yml');

export interface Prometheus {
  url: string;
  /** GET on Prometheus' HTTP API: the `data` of its answer. */
  api<T = any>(path: string): Promise<T>;
  output(): string;
  stop(): Promise<void>;
}

/**
 * A real Prometheus on loopback: scrapes one hub every second with its API key, evaluates
 * deploy/prometheus's rules every second. Each rule's `for` is `forSeconds` here (the file says
 * minutes), so a test sees pending, then firing, in seconds; the expressions are the file's own.
 */
export async function startPrometheus(
  hubUrl: string,
  apiKey: string,
  forSeconds: number,
): Promise<Prometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'hub-prometheus-'));
  const rules = parse(readFileSync(RULES, 'utf8')) as { groups: { rules: { for?: string }[] }[] };
  for (const rule of rules.groups.flatMap((g) => g.rules)) if (rule.for) rule.for = `${forSeconds}s`;
  writeFileSync(join(dir, 'rules.yml'), stringify(rules));
  writeFileSync(
    join(dir, 'prometheus.yml'),
    stringify({
      global: { scrape_interval: '1s', evaluation_interval: '1s' },
      rule_files: [join(dir, 'rules.yml')],
      scrape_configs: [
        {
          job_name: 'context-hub',
          authorization: { credentials: apiKey },
          static_configs: [{ targets: [new URL(hubUrl).host] }],
        },
      ],
    }),
  );
  const port = await freePort();
  const child: ChildProcess = spawn(
    PROMETHEUS,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const printed = outputOf(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  // Should the test process end without its afterAll, Prometheus ends with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(true), 10_000);
      });
      if (await Promise.race([exited.then(() => false), late])) {
        child.kill('SIGKILL');
        await exited;
      }
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  for (const end = Date.now() + 30_000; ;) {
    const ready = await fetch(`${url}/-/ready`).then(
      async (r) => (await r.text(), r.ok),
      () => false,
    );
    if (ready) break;
    if (child.exitCode !== null || Date.now() > end) {
      await stop();
      throw new Error(`Prometheus did not start:\n${printed()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    output: printed,
    stop,
    async api(path) {
      const res = await fetch(`${url}/api/v1/${path}`);
      const body = (await res.json()) as { status: string; data: unknown; error?: string };
      if (body.status !== 'success') throw new Error(`Prometheus ${path}: ${body.error}`);
      return body.data as any;
    },
  };
}
