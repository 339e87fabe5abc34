/**
 * Proves that the benchmark's baseline (a) does what the hub does: for every order of the
 * sandbox, one order context from the bare fan-out (bench/bare-fanout.ts) and one from the hub
 * with nothing cached, each alone, and the sandbox's own request counters per vendor operation
 * compared. Exits 1 on any difference.
 *
 *   npm run build && node -r @swc-node/register bench/check-baseline.ts
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { buildWorld } from '../sandbox/world/world';
import { projectRoot } from '../src/common/project-root';
import { deleteByPrefix } from '../test/support/redis-prefix';
import { freePort, startNode, stop } from './processes';

type Counts = Record<string, number>;

async function main(): Promise<void> {
  const root = projectRoot(__dirname);
  const [sandboxPort, hubPort, barePort] = [await freePort(), await freePort(), await freePort()];
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const dir = mkdtempSync(join(tmpdir(), 'hub-baseline-'));
  const keyPrefix = `hub-baseline-${process.pid}`;
  const swc = ['-r', '@swc-node/register'];
  const doc = parse(readFileSync(join(root, 'config/sandbox.yaml'), 'utf8'));
  doc.lastGood = { ...doc.lastGood, freshSeconds: 0 };
  // The bare fan-out asks as for a customer seen for the first time, and keeps no rate budget.
  doc.context = { ...doc.context, rememberIdsSeconds: 0 };
  const unlimited = {
    overall: { limit: 1_000_000, perSeconds: 1 },
    search: { limit: 1_000_000, perSeconds: 1 },
  };
  doc.budgets = { connectors: Object.fromEntries(Object.keys(doc.connectors).map((id) => [id, unlimited])) };
  doc.database = { ...doc.database, url: `sqlite:${join(dir, 'hub.sqlite')}` }; // not the working tree's data/
  writeFileSync(join(dir, 'hub.yaml'), stringify(doc));
  const sandbox = await startNode(
    join(root, 'bench/sandbox-process.ts'),
    { SANDBOX_PORT: String(sandboxPort) },
    `${sandboxUrl}/_sandbox/faults`,
    swc,
  );
  const servers = [sandbox];
  try {
    const bare = await startNode(
      join(root, 'bench/bare-fanout.ts'),
      { SANDBOX_URL: sandboxUrl, PORT: String(barePort) },
      `http://127.0.0.1:${barePort}/health/ready`,
      swc,
    );
    servers.push(bare);
    const env = {
      HUB_CONFIG: join(dir, 'hub.yaml'),
      SANDBOX_URL: sandboxUrl,
      PORT: String(hubPort),
      LOG_LEVEL: 'silent',
      HUB_REDIS_KEY_PREFIX: keyPrefix,
    };
    const hub = await startNode(
      join(root, 'dist/src/main.js'),
      env,
      `http://127.0.0.1:${hubPort}/health/ready`,
    );
    servers.push(hub);

    const counts = async (): Promise<Counts> => {
      const stats = (await (await fetch(`${sandboxUrl}/_sandbox/stats`)).json()) as {
        vendors: Record<string, { operations: Counts }>;
      };
      const out: Counts = {};
      for (const [vendor, v] of Object.entries(stats.vendors))
        for (const [operation, n] of Object.entries(v.operations)) out[`${vendor} ${operation}`] = n;
      return out;
    };
    const calls = async (url: string, headers: Record<string, string> = {}): Promise<Counts> => {
      const before = await counts();
      const res = await fetch(url, { headers });
      await res.text();
      if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
      const after = await counts();
      const out: Counts = {};
      for (const k of Object.keys(after))
        if (after[k] !== (before[k] ?? 0)) out[k] = after[k] - (before[k] ?? 0);
      return out;
    };
    const helpdesk = { authorization: 'Bearer demo-helpdesk-key' };
    const orders = buildWorld({ seed: 42, anchor: new Date() }).orders.filter((o) => !o.omsMissing);
    // Once each first: both read HubSpot's ticket pipelines once and keep them.
    await calls(`http://127.0.0.1:${barePort}/v1/orders/${orders[0].number}/context`);
    await calls(`http://127.0.0.1:${hubPort}/v1/orders/${orders[0].number}/context`, helpdesk);
    const total: Counts = {};
    let differ = 0;
    for (const o of orders) {
      const a = await calls(`http://127.0.0.1:${barePort}/v1/orders/${o.number}/context`);
      const b = await calls(`http://127.0.0.1:${hubPort}/v1/orders/${o.number}/context`, helpdesk);
      for (const [k, n] of Object.entries(b)) total[k] = (total[k] ?? 0) + n;
      const same = (x: Counts, y: Counts) => Object.keys({ ...x, ...y }).every((k) => x[k] === y[k]);
      if (!same(a, b)) {
        differ++;
        console.log(`order ${o.number}: bare ${JSON.stringify(a)}\n            hub  ${JSON.stringify(b)}`);
      }
    }
    const n = Object.values(total).reduce((x, y) => x + y, 0);
    console.log(`${orders.length} orders, ${(n / orders.length).toFixed(2)} vendor calls per answer:`);
    for (const [k, v] of Object.entries(total).sort()) console.log(`  ${k}: ${v}`);
    console.log(
      differ ? `${differ} orders differ` : 'the bare fan-out makes the hub’s calls for every order',
    );
    process.exitCode = differ ? 1 : 0;
  } finally {
    for (const s of servers.reverse()) await stop(s);
    await deleteByPrefix(keyPrefix);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
