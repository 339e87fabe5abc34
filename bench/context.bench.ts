/**
 * Read-path benchmark against the limit, in one run: the sandbox, the servers under test and
 * autocannon each in their own process (as deployed), every vendor answering after 20 ms, over
 * loopback, and Shopify's cost bucket out of the way (bench/sandbox-process.ts). Measured, at 1
 * and 50 connections:
 *
 *   (a) a bare `node:http` + `undici.request` fan-out making the order context's vendor calls
 *       with a plain merge (bench/bare-fanout.ts): the limit of one Node process on this machine
 *   (a′) the same fan-out through the clients the hub must be built on (shopify-api-node, the
 *       Stripe SDK, axios over the hub's adapter) and nothing else of the hub: what those
 *       foundations alone cost, the floor under any hub made of them
 *   (b) the hub's order context with nothing cached
 *   (c) the hub's order context with fresh last-good copies (lastGood.freshSeconds)
 *   (d) the hub's bot shipment status, nothing cached
 *
 * Prints requests/s and each as a ratio to (a) at the same connections, p50/p99 latency, the
 * share of 200 answers that are degraded (a source unavailable or stale: past the deadline under
 * load), CPU per answer of the server and of the sandbox, vendor calls per answer (from the
 * sandbox's own counters: (a) and (b) must make the same calls, bench/check-baseline.ts proves it
 * order by order), the CPU other processes used meanwhile (this machine is shared; a busy
 * neighbour shows there), and each server's RSS. Requests go round the sandbox's orders, each
 * connection taking the next one.
 *
 * Then, on the same sandbox, the two scenarios of issue 11 against realistic vendor latency
 * (bench/vendor-latency.ts): A. every vendor at 100 ms, one request at a time, the three endpoints'
 * median latency as a multiple of the vendor latency; B. every vendor at 350 ms + 0–200 ms, 20
 * connections for 60 s, the share of answers with a source cut by the deadline and p95.
 *
 *   npm run bench            (builds first; needs Redis on 127.0.0.1:6379 like the hub itself)
 *   BENCH_SCENARIOS=read-path,latency100,realistic   which to run (default all three, in this order)
 *   BENCH_SECONDS=8          seconds per measured run of the read path (after a 2 s warm-up)
 *   BENCH_REALISTIC_SECONDS=60   seconds measured in B (after a 5 s warm-up)
 *   BENCH_REMEMBER_IDS_SECONDS=0 A and B with a hub that remembers no CRM ids (context.rememberIdsSeconds)
 *   BENCH_QUIET_S=60         longest wait, before each run, for other processes to calm down
 *   BENCH_SMOKE=1            end to end in seconds, figures meaningless, no targets (bench/smoke.ts)
 */
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';
import { parse } from 'yaml';
import { projectRoot } from '../src/common/project-root';
import { deleteByPrefix } from '../test/support/redis-prefix';
import { cpuMs, machineCpuMs, rssMiB, untilQuiet } from './machine';
import { freePort, startNode, stop } from './processes';
import {
  hubConfigFile,
  load,
  type Requests,
  sandboxRequests,
  setVendorLatency,
  startSlowSandbox,
} from './setup';
import { SMOKE } from './smoke';
import { type LatencyBench, realisticLatency, SCENARIO_NAMES, vendorsAt100ms } from './vendor-latency';

const VENDOR_LATENCY_MS = 20;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
const SCENARIOS = ['read-path', ...SCENARIO_NAMES] as const;
type Scenario = (typeof SCENARIOS)[number];
const CONNECTIONS = [1, 50];
/**
 * Issue 11 part 4 (restating issue 5's 0.6 × (a)): the hub's cold path at 0.8 × (a′), the bare
 * fan-out through its own clients, or better; its cached path at 2 × (a) or better.
 */
const TARGETS = { coldOfClients: 0.8, cached: 2 };

interface Row {
  key: 'a' | 'a2' | 'b' | 'c' | 'd';
  scenario: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** 200 answers with a source unavailable or stale (past the deadline under load), in %. */
  degradedPct: number;
  serverCpuMs: number;
  sandboxCpuMs: number;
  vendorCalls: number;
  /** CPU other processes of the machine used during the run, % of one core. */
  othersPct: number;
}

/** BENCH_SCENARIOS (comma-separated), in the order of SCENARIOS; all of them when unset. */
function selectedScenarios(): Scenario[] {
  const asked = (process.env.BENCH_SCENARIOS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = asked.filter((s) => !(SCENARIOS as readonly string[]).includes(s));
  if (unknown.length) {
    throw new Error(`BENCH_SCENARIOS: unknown ${unknown.join(', ')} (known: ${SCENARIOS.join(', ')})`);
  }
  return SCENARIOS.filter((s) => !asked.length || asked.includes(s));
}

async function main(): Promise<void> {
  const scenarios = selectedScenarios();
  const root = projectRoot(__dirname);
  const [sandboxPort, serverPort] = [await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const url = `http://127.0.0.1:${serverPort}`;
  const keyPrefix = `hub-bench-${process.pid}`;
  const prefixes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const { process: sandbox, vendors } = await startSlowSandbox(root, sandboxPort, VENDOR_LATENCY_MS);
  let server: ChildProcess | undefined;
  const rss: string[] = [];
  // The hub on the sandbox with `configFile` (bench/setup.ts: hubConfigFile), its keys under `prefix`.
  const startHubProcess = (configFile: string, prefix: string) => {
    prefixes.push(prefix);
    const env = {
      HUB_CONFIG: configFile,
      SANDBOX_URL: sandboxUrl,
      PORT: String(serverPort),
      LOG_LEVEL: 'silent',
      HUB_REDIS_KEY_PREFIX: prefix,
    };
    return startNode(join(root, 'dist/src/main.js'), env, `${url}/health/ready`);
  };
  try {
    const { orders } = sandboxRequests();
    console.log(
      `Context Hub read-path benchmark: ${orders} orders, ${vendors.length} simulated vendors, ` +
        `scenarios ${scenarios.join(', ')}${SMOKE ? ' (smoke run, BENCH_SMOKE: a few requests per run, figures meaningless)' : ''}, ` +
        `node ${process.version}, ${cpus().length} cores`,
    );
    console.log(`vendors: ${vendors.join(', ')}`);
    if (scenarios.includes('read-path')) await readPath();
    // BENCH_REMEMBER_IDS_SECONDS=0: the hub remembers no CRM ids either (context.rememberIdsSeconds).
    const remember = process.env.BENCH_REMEMBER_IDS_SECONDS;
    const overrides: Record<string, number> =
      remember === undefined || remember === '' ? {} : { rememberIdsSeconds: Number(remember) };
    const latencyConfig = (name: string) => hubConfigFile(root, dir, 0, name, overrides);
    const latency: LatencyBench = {
      sandboxUrl,
      sandboxPid: sandbox.pid!,
      vendors,
      url,
      ...contextSettings(latencyConfig('latency-settings')),
      startHub: async (name) => {
        server = await startHubProcess(latencyConfig(name), `${keyPrefix}-${name}`);
        return server;
      },
    };
    // Each stops its hub itself.
    if (scenarios.includes('latency100')) await vendorsAt100ms(latency);
    server = undefined;
    if (scenarios.includes('realistic')) await realisticLatency(latency);
    server = undefined;
  } finally {
    // Even a failed run leaves no processes, files or keys behind.
    if (server) await stop(server);
    await stop(sandbox);
    for (const prefix of prefixes) await deleteByPrefix(prefix);
    rmSync(dir, { recursive: true, force: true });
  }

  /** (a) to (d): the read path against its limit, vendors at 20 ms. */
  async function readPath(): Promise<void> {
    await setVendorLatency(sandboxUrl, vendors, VENDOR_LATENCY_MS);
    const startBare = (client: 'undici' | 'foundations') =>
      startNode(
        join(root, 'bench/bare-fanout.ts'),
        { SANDBOX_URL: sandboxUrl, PORT: String(serverPort), BARE_CLIENT: client },
        `${url}/health/ready`,
        ['-r', '@swc-node/register'],
      );
    // The sandbox config, with nothing cached or with fresh copies for `freshSeconds`.
    const startHub = (freshSeconds: number) =>
      startHubProcess(hubConfigFile(root, dir, freshSeconds), `${keyPrefix}-${freshSeconds}`);
    const stopServer = async (label: string) => {
      rss.push(`${label}: ${await rssMiB(server!.pid!)} MiB`);
      await stop(server!);
      server = undefined;
    };
    const { context: contextRequests, bot: botRequests } = sandboxRequests();
    console.log(
      `\nRead path: every vendor at ${VENDOR_LATENCY_MS} ms, ` +
        `${SMOKE ? 'a couple of requests per connection per run' : `${DURATION_S} s per run after a 2 s warm-up`}\n`,
    );

    const rows: Row[] = [];
    const measure = async (key: Row['key'], scenario: string, requests: Requests, connections: number) => {
      if (!SMOKE) await untilQuiet([server!.pid!, sandbox.pid!]);
      await run(url, requests, connections, 2); // warm-up: JIT, sockets (and, when fresh, the copies)
      const before = await sample(server!.pid!, sandbox.pid!, sandboxUrl);
      const r = await run(url, requests, connections, DURATION_S);
      const after = await sample(server!.pid!, sandbox.pid!, sandboxUrl);
      const degradedPct = (100 * degraded.count) / r.requests.total;
      const n = r.requests.total;
      const elapsedMs = after.at - before.at;
      const ours =
        after.server - before.server + (after.sandbox - before.sandbox) + (after.self - before.self);
      rows.push({
        key,
        scenario,
        connections,
        // A smoke run is shorter than autocannon's one-second samples: its own count over its time.
        rps: SMOKE ? r.requests.total / r.duration : r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        degradedPct,
        serverCpuMs: (after.server - before.server) / n,
        sandboxCpuMs: (after.sandbox - before.sandbox) / n,
        vendorCalls: (after.vendorCalls - before.vendorCalls) / n,
        othersPct: Math.max(0, (100 * (after.machine - before.machine - ours)) / elapsedMs),
      });
    };

    server = await startBare('undici');
    for (const c of CONNECTIONS) await measure('a', '(a) bare undici fan-out', contextRequests, c);
    await stopServer('(a) bare fan-out');
    server = await startBare('foundations');
    for (const c of CONNECTIONS) {
      await measure('a2', "(a′) bare fan-out, the hub's clients", contextRequests, c);
    }
    await stopServer("(a′) bare fan-out, the hub's clients");
    server = await startHub(0);
    for (const c of CONNECTIONS) await measure('b', '(b) order context, nothing cached', contextRequests, c);
    for (const c of CONNECTIONS) await measure('d', '(d) bot status, nothing cached', botRequests, c);
    await stopServer('hub, nothing cached');
    // The same requests with fresh copies (10 s): the cycle of orders stays within the window.
    server = await startHub(10);
    for (const c of CONNECTIONS) await measure('c', '(c) order context, copies fresh', contextRequests, c);
    await stopServer('hub, copies fresh');

    const limit = (c: number) => rows.find((r) => r.key === 'a' && r.connections === c)!.rps;
    console.log(
      "| scenario | connections | req/s | × (a) | p50 ms | p99 ms | non-2xx | errors | degraded % | server CPU ms/answer | sandbox CPU ms/answer | vendor calls/answer | others' CPU % |",
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of [...rows].sort((x, y) => x.key.localeCompare(y.key))) {
      console.log(
        `| ${r.scenario} | ${r.connections} | ${r.rps.toFixed(0)} | ${(r.rps / limit(r.connections)).toFixed(2)} | ${r.p50} | ${r.p99} | ` +
          `${r.non2xx} | ${r.errors} | ${r.degradedPct.toFixed(1)} | ${r.serverCpuMs.toFixed(2)} | ${r.sandboxCpuMs.toFixed(2)} | ${r.vendorCalls.toFixed(1)} | ${r.othersPct.toFixed(0)} |`,
      );
    }
    console.log(`\nRSS after the runs: ${rss.join('; ')}`);
    if (SMOKE) {
      console.log('Targets: not compared (smoke run)');
      return;
    }
    const at = (key: Row['key'], c: number) => rows.find((r) => r.key === key && r.connections === c)!.rps;
    const top = Math.max(...CONNECTIONS);
    const cold = at('b', top) / limit(top);
    const coldOfClients = at('b', top) / at('a2', top);
    const cached = at('c', top) / limit(top);
    const floor = at('a2', top) / limit(top);
    const verdict = (met: boolean) => (met ? 'met' : 'not met');
    console.log(
      `Targets at ${top} connections: cold ${coldOfClients.toFixed(2)} × (a′) ` +
        `(target ≥ ${TARGETS.coldOfClients}: ${verdict(coldOfClients >= TARGETS.coldOfClients)}; ${cold.toFixed(2)} × (a)), ` +
        `cached ${cached.toFixed(2)} × (a) (target ≥ ${TARGETS.cached}: ${verdict(cached >= TARGETS.cached)}); ` +
        `the hub's clients alone (a′) reach ${floor.toFixed(2)} × (a)`,
    );
  }
}

/**
 * The request deadline and how long CRM ids are remembered, in a hub config file (`context:`; the
 * config schema's defaults, 2,000 ms and 7 days, when unset).
 */
function contextSettings(configFile: string): { deadlineMs: number; rememberIdsSeconds: number } {
  const doc = parse(readFileSync(configFile, 'utf8')) as {
    context?: { deadlineMs?: number; rememberIdsSeconds?: number };
  };
  return {
    deadlineMs: Number(doc.context?.deadlineMs ?? 2_000),
    rememberIdsSeconds: Number(doc.context?.rememberIdsSeconds ?? 7 * 86_400),
  };
}

async function sample(server: number, sandbox: number, sandboxUrl: string) {
  const stats = (await (await fetch(`${sandboxUrl}/_sandbox/stats`)).json()) as {
    vendors: Record<string, { requests: number }>;
  };
  const self = process.cpuUsage();
  return {
    at: performance.now(),
    server: await cpuMs(server),
    sandbox: await cpuMs(sandbox),
    self: (self.user + self.system) / 1000,
    machine: await machineCpuMs(),
    vendorCalls: Object.values(stats.vendors).reduce((sum, v) => sum + v.requests, 0),
  };
}

function run(
  url: string,
  requests: Requests,
  connections: number,
  duration: number,
): Promise<autocannon.Result> {
  degraded.count = 0;
  return load(url, requests, connections, duration, (status, body) => {
    if (status === 200 && DEGRADED.test(body)) degraded.count++;
  });
}

/** A 200 answer in which a source could not be asked (or answered from an old copy). */
const DEGRADED = /"system":"[a-z]+","status":"(unavailable|stale)"/;
const degraded = { count: 0 };

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
