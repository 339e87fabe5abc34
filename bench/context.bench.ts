/**
 * Read-path benchmark: the built hub and the sandbox each in their own process (as deployed), every
 * vendor answering after 20 ms, and autocannon alone in this process driving the hub over
 * loopback. Prints requests/s, p50/p99 latency and CPU per answer for the order context
 * (helpdesk) and the bot shipment status, at 1 and 50 connections, with nothing cached and with
 * fresh last-good copies (lastGood.freshSeconds), and the hub's RSS.
 *
 *   npm run bench            (builds first; needs Redis on 127.0.0.1:6379 like the hub itself)
 */
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { parse, stringify } from 'yaml';
import { buildWorld } from '../sandbox/world/world';
import { projectRoot } from '../src/common/project-root';
import { deleteByPrefix } from '../test/support/redis-prefix';
import { freePort, startNode, stop } from './processes';

const VENDOR_LATENCY_MS = 20;
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 8);
type Requests = { method: 'GET'; path: string; headers: Record<string, string> }[];

interface Row {
  scenario: string;
  connections: number;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  hubCpuMs: number;
  sandboxCpuMs: number;
}

async function main(): Promise<void> {
  const root = projectRoot(__dirname);
  const [sandboxPort, hubPort] = [await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const url = `http://127.0.0.1:${hubPort}`;
  const keyPrefix = `hub-bench-${process.pid}`;
  const dir = mkdtempSync(join(tmpdir(), 'hub-bench-'));
  const sandbox = await startNode(
    join(root, 'dist/sandbox/main.js'),
    { SANDBOX_PORT: String(sandboxPort) },
    `${sandboxUrl}/_sandbox/faults`,
  );
  let hub: ChildProcess | undefined;
  // The sandbox config, with nothing cached or with fresh copies for `freshSeconds`.
  const startHub = (freshSeconds: number) => {
    const doc = parse(readFileSync(join(root, 'config/sandbox.yaml'), 'utf8'));
    doc.lastGood = { ...doc.lastGood, freshSeconds };
    const file = join(dir, `hub-fresh-${freshSeconds}.yaml`);
    writeFileSync(file, stringify(doc));
    const env = {
      HUB_CONFIG: file,
      SANDBOX_URL: sandboxUrl,
      PORT: String(hubPort),
      LOG_LEVEL: 'silent',
      HUB_REDIS_KEY_PREFIX: `${keyPrefix}-${freshSeconds}`,
    };
    return startNode(join(root, 'dist/src/main.js'), env, `${url}/health/ready`);
  };
  try {
    const vendors = Object.keys((await (await fetch(`${sandboxUrl}/_sandbox/faults`)).json()) as object);
    for (const vendor of vendors) {
      await fetch(`${sandboxUrl}/_sandbox/faults/${vendor}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ latencyMs: VENDOR_LATENCY_MS }),
      });
    }
    // The sandbox's world (same seed, same day), for real order numbers and their customers' emails.
    const orders = buildWorld({ seed: 42, anchor: new Date() }).orders.filter((o) => !o.omsMissing);
    const helpdesk = { authorization: 'Bearer demo-helpdesk-key' };
    const bot = { authorization: 'Bearer demo-bot-key' };
    const contextRequests: Requests = orders.map((o) => ({
      method: 'GET',
      path: `/v1/orders/${o.number}/context`,
      headers: helpdesk,
    }));
    const botRequests: Requests = orders.map((o) => ({
      method: 'GET',
      path: `/v1/shipments/status?orderNumber=${o.number}&email=${encodeURIComponent(o.email)}`,
      headers: bot,
    }));
    console.log(
      `Context Hub read-path benchmark: ${orders.length} orders, ${vendors.length} simulated vendors at ${VENDOR_LATENCY_MS} ms, ` +
        `${DURATION_S} s per run, node ${process.version}, ${cpus().length} cores`,
    );
    console.log(`vendors: ${vendors.join(', ')}\n`);

    const rows: Row[] = [];
    const measure = async (scenario: string, requests: Requests, connections: number) => {
      await run(url, requests, connections, 2); // warm-up: JIT, sockets (and, when fresh, the copies)
      const [hub0, sandbox0] = [await cpuMs(hub!.pid!), await cpuMs(sandbox.pid!)];
      const r = await run(url, requests, connections, DURATION_S);
      const [hub1, sandbox1] = [await cpuMs(hub!.pid!), await cpuMs(sandbox.pid!)];
      rows.push({
        scenario,
        connections,
        rps: r.requests.average,
        p50: r.latency.p50,
        p99: r.latency.p99,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
        hubCpuMs: (hub1 - hub0) / r.requests.total,
        sandboxCpuMs: (sandbox1 - sandbox0) / r.requests.total,
      });
    };
    hub = await startHub(0);
    for (const c of [1, 50]) await measure('order context, nothing cached', contextRequests, c);
    for (const c of [1, 50]) await measure('bot status, nothing cached', botRequests, c);
    await stop(hub);
    // The same requests with fresh copies (10 s): the cycle of orders stays within the window.
    hub = await startHub(10);
    for (const c of [1, 50]) await measure('order context, copies fresh', contextRequests, c);

    console.log(
      '| scenario | connections | req/s | p50 ms | p99 ms | non-2xx | errors | hub CPU ms/req | sandbox CPU ms/req |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(
        `| ${r.scenario} | ${r.connections} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.errors} | ${r.hubCpuMs.toFixed(1)} | ${r.sandboxCpuMs.toFixed(1)} |`,
      );
    }
    console.log(`\nHub RSS after the runs: ${await hubRss(hub.pid!)} MiB`);
  } finally {
    // Even a failed run leaves no processes, files or keys behind.
    if (hub) await stop(hub);
    await stop(sandbox);
    await deleteByPrefix(`${keyPrefix}-0`);
    await deleteByPrefix(`${keyPrefix}-10`);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time (user + system) a process has used, in ms, from /proc (Linux). */
async function cpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks, USER_HZ = 100
}

async function hubRss(pid: number): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
  return kb ? (Number(kb) / 1024).toFixed(0) : '?';
}

function run(
  url: string,
  requests: Requests,
  connections: number,
  duration: number,
): Promise<autocannon.Result> {
  return autocannon({ url, connections, duration, requests: [...requests], pipelining: 1 });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
