/**
 * Where the hub's CPU goes on a read path under load: the hub runs under `--cpu-prof` against the
 * sandbox (every vendor at 20 ms), nothing cached unless asked, at 50 connections; the profile's samples from
 * the measured window are then summed by owner (the package, the hub's folder or the connector
 * whose code is nearest on the stack; Node's own work counts for the caller that asked for it)
 * and printed per answer. The .cpuprofile stays for Chrome DevTools or speedscope.
 *
 *   npm run bench:profile        (builds first; needs Redis on 127.0.0.1:6379 like the hub itself)
 *   PROFILE_PATH=bot             the bot's shipment status instead of the order context
 *   PROFILE_SECONDS=8            seconds measured, after a 2 s warm-up
 *   PROFILE_CONNECTIONS=50
 *   PROFILE_FRESH_SECONDS=10     the cached path: copies fresh for 10 s (the warm-up makes them); 0 by default
 *   BENCH_SMOKE=1                end to end in seconds, a few requests, figures meaningless (bench/smoke.ts)
 */
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/common/project-root';
import { deleteByPrefix } from '../test/support/redis-prefix';
import { freePort, startNode, stop } from './processes';
import { hubConfigFile, load, sandboxRequests, startSlowSandbox } from './setup';
import { SMOKE } from './smoke';

const SECONDS = Number(process.env.PROFILE_SECONDS ?? 8);
const CONNECTIONS = Number(process.env.PROFILE_CONNECTIONS ?? 50);
const PATH = process.env.PROFILE_PATH === 'bot' ? 'bot' : 'context';
const FRESH_SECONDS = Number(process.env.PROFILE_FRESH_SECONDS ?? 0);

/** The parts of a V8 .cpuprofile read here. */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[];
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

async function main(): Promise<void> {
  const root = projectRoot(__dirname);
  const [sandboxPort, hubPort] = [await freePort(), await freePort()];
  const url = `http://127.0.0.1:${hubPort}`;
  const dir = mkdtempSync(join(tmpdir(), 'hub-profile-'));
  const keyPrefix = `hub-profile-${process.pid}`;
  const sandbox = await startSlowSandbox(root, sandboxPort, 20);
  try {
    const hub = await startNode(
      join(root, 'dist/src/main.js'),
      {
        HUB_CONFIG: hubConfigFile(root, dir, FRESH_SECONDS),
        SANDBOX_URL: sandbox.url,
        PORT: String(hubPort),
        LOG_LEVEL: 'silent',
        HUB_REDIS_KEY_PREFIX: keyPrefix,
      },
      `${url}/health/ready`,
      ['--cpu-prof', `--cpu-prof-dir=${dir}`],
    );
    const requests = sandboxRequests()[PATH];
    await load(url, requests, CONNECTIONS, 2);
    const measuredStart = performance.now();
    const result = await load(url, requests, CONNECTIONS, SECONDS);
    const measuredEnd = performance.now();
    const measuredMs = measuredEnd - measuredStart;
    await stop(hub); // the profile is written as the process exits
    const afterMs = performance.now() - measuredEnd;
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error('the hub wrote no CPU profile');
    const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile;
    const answers = result.requests.total;
    console.log(
      `${PATH === 'bot' ? 'bot status' : 'order context'}, ${FRESH_SECONDS ? `copies fresh for ${FRESH_SECONDS} s` : 'nothing cached'}, ${CONNECTIONS} connections: ` +
        `${answers} answers in ${(measuredMs / 1000).toFixed(1)} s (${result.non2xx} non-2xx), p50 ${result.latency.p50} ms` +
        `${SMOKE ? ' (smoke run: figures meaningless)' : ''}\n`,
    );
    report(owners(profile, measuredMs * 1000, afterMs * 1000), answers);
    const kept = join(tmpdir(), `hub-${PATH}-${Date.now()}.cpuprofile`);
    renameSync(join(dir, file), kept);
    console.log(`\nprofile: ${kept} (open in Chrome DevTools → Performance, or speedscope)`);
  } finally {
    await stop(sandbox.process);
    await deleteByPrefix(keyPrefix);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Microseconds per owner over the `windowUs` before the last `tailUs` of the profile (the
 * shutdown after the load), each sample given to the nearest frame on its stack that has an owner.
 */
function owners(profile: CpuProfile, windowUs: number, tailUs: number): Map<string, number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totals = new Map<string, number>();
  // Sample times, counted back from the end of the profile.
  const times: number[] = [];
  let t = 0;
  for (const d of profile.timeDeltas) times.push((t += d));
  const end = times.at(-1) ?? 0;
  const [from, to] = [end - tailUs - windowUs, end - tailUs];
  profile.samples.forEach((id, i) => {
    if (times[i] < from || times[i] > to) return;
    const us = profile.timeDeltas[i];
    let owner: string | undefined;
    for (let at: number | undefined = id; at !== undefined && !owner; at = parent.get(at)) {
      owner = ownerOf(byId.get(at)!.callFrame.url);
    }
    const leaf = byId.get(id)!.callFrame;
    owner ??= leaf.url ? 'node (runtime)' : leaf.functionName; // (garbage collector), (idle), (program)
    totals.set(owner, (totals.get(owner) ?? 0) + us);
  });
  return totals;
}

/** node_modules/<package>, the hub's src/<folder>, connectors/<vendor>; else none. */
function ownerOf(url: string): string | undefined {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const hub = /\/dist\/src\/([^/]+)/.exec(url);
  if (hub) return `hub: src/${hub[1].replace(/\.js$/, '')}`;
  const connector = /\/dist\/connectors\/([^/]+)/.exec(url);
  if (connector) return `hub: connectors/${connector[1]}`;
  return undefined;
}

function report(totals: Map<string, number>, answers: number): void {
  const idle = totals.get('(idle)') ?? 0;
  totals.delete('(idle)');
  const busy = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(
    `main thread busy: ${(busy / 1000 / answers).toFixed(2)} ms per answer (idle ${((100 * idle) / (busy + idle)).toFixed(0)}%)\n`,
  );
  console.log('| owner | ms per answer | share |');
  console.log('|---|---|---|');
  for (const [owner, us] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 30)) {
    console.log(`| ${owner} | ${(us / 1000 / answers).toFixed(3)} | ${((100 * us) / busy).toFixed(1)}% |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
