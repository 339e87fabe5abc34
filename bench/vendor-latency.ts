/**
 * The hub against realistic vendor latency (issue 11, parts 1 and 2), two scenarios of
 * `npm run bench` (context.bench.ts runs them; BENCH_SCENARIOS=latency100,realistic runs only
 * them). Every vendor of the sandbox is slowed with its latency faults (`PUT
 * /_sandbox/faults/{vendor}` with latencyMs and jitterMs, on every operation), and the hub runs
 * with nothing cached (lastGood.freshSeconds 0: no copy answers in place of a call) and the
 * request deadline of config/sandbox.yaml (2 s, the default). Requests are plain `fetch` in a
 * loop of bounded concurrency: each answer's latency and body are read (which sources the
 * deadline cut).
 *
 *   latency100   A. every vendor at 100 ms (no jitter), one request at a time, distinct orders and
 *                customers: median latency of the order context, the bot's shipment status and the
 *                customer context as a multiple of the vendor latency (targets 3.2 ×, 2.2 ×, 3.2 ×)
 *   realistic    B. every vendor at 350 ms + uniform 0–200 ms, order context, 20 connections,
 *                60 s after a 5 s warm-up (and, should the warm-up have opened circuits, one request
 *                at a time until they closed): share of answers with a source cut by the deadline
 *                (target: none cut in ≥ 99 %), p95 ≤ 1.6 s
 *
 * A source is cut by the deadline when its status carries error.code "timeout" and it is
 * `unavailable`, `partial` (a follow-up call was cut) or `stale` (cut, and an older copy was shown
 * instead: with freshSeconds 0 copies still stand in for a failed call).
 */
import { type ChildProcess } from 'node:child_process';
import { cpuMs, othersMeter, untilQuiet } from './machine';
import { stop } from './processes';
import { type Requests, sandboxRequests, setVendorLatency } from './setup';
import { SMOKE } from './smoke';

export const SCENARIO_NAMES = ['latency100', 'realistic'] as const;

/** What context.bench.ts gives a scenario: the sandbox it started, and a hub to start on it. */
export interface LatencyBench {
  sandboxUrl: string;
  sandboxPid: number;
  vendors: string[];
  /** The hub's URL once started. */
  url: string;
  /** Starts the hub with nothing cached, its own Redis key prefix and files (`name`). */
  startHub(name: string): Promise<ChildProcess>;
  /** The hub's request deadline (config/sandbox.yaml context.deadlineMs). */
  deadlineMs: number;
  /** How long the hub remembers the CRM ids it found for an email or phone (context.rememberIdsSeconds). */
  rememberIdsSeconds: number;
}

/**
 * Remembered ids are not copies: every answer still asks every source, but a customer's HubSpot
 * contact and Zendesk user ids, found by an earlier answer about any of their orders, start the
 * case calls at once. The world's 64 orders have 18 customers, so they repeat in both scenarios.
 */
function idsNote(bench: LatencyBench): string {
  return bench.rememberIdsSeconds > 0
    ? `CRM ids remembered for ${bench.rememberIdsSeconds} s (context.rememberIdsSeconds; customers repeat, so later ` +
        'answers find theirs; BENCH_REMEMBER_IDS_SECONDS=0 to measure without)'
    : 'no CRM ids remembered (context.rememberIdsSeconds 0)';
}

/** Issue 11, part 1: median latency at most this multiple of the vendor latency. */
const A_TARGETS = { context: 3.2, bot: 2.2, customer: 3.2 };
const A_LATENCY_MS = 100;
/** Requests per endpoint in A (the world has 20 customers: one customer context each). */
const A_REQUESTS = 20;
/** Rounds of the warm-up in A: each of its orders' order context, bot status and customer context. */
const A_WARM_UP_ROUNDS = 8;

/** Issue 11, part 2. */
const B = {
  latencyMs: 350,
  jitterMs: 200,
  connections: 20,
  seconds: Number(process.env.BENCH_REALISTIC_SECONDS ?? 60),
  warmUpSeconds: 5,
  /** At least this share of answers with no source cut, in %. */
  completePct: 99,
  p95Ms: 1600,
};

/** Requests per connection in smoke mode (bench/smoke.ts). */
const SMOKE_REQUESTS = 2;

interface SourceLike {
  connector?: string;
  status?: string;
  error?: { code?: string };
}

interface Answer {
  ms: number;
  /** HTTP status; 0 when no answer came (connection error, or no answer in 15 s). */
  status: number;
  /** Connectors whose call the deadline cut. */
  cut: string[];
  /** Of those, the ones an older copy stood in for (status stale). */
  cutStale: number;
  /** Sources missing for another reason, as "connector: code". */
  missing: string[];
}

/** A. Every vendor at 100 ms, one request at a time, distinct orders and customers. */
export async function vendorsAt100ms(bench: LatencyBench): Promise<void> {
  await setVendorLatency(bench.sandboxUrl, bench.vendors, A_LATENCY_MS, 0);
  const all = sandboxRequests();
  const count = SMOKE ? SMOKE_REQUESTS : A_REQUESTS;
  // Orders by position in the shop: the order contexts about 1011–1030 (the orders issue 11 was
  // measured on), the bot about the next 20, the warm-up about the 4 after those; each customer
  // of the world once. So no order is asked about twice in the scenario; the warm-up's customers
  // are among those whose customer context is measured.
  const pick = (from: number) => ({
    requests: all.context.slice(from, from + count),
    bot: all.bot.slice(from, from + count),
    numbers: all.numbers.slice(from, from + count),
  });
  const context = pick(10);
  const bot = pick(30);
  const warm = all.numbers.slice(50, 54);
  const endpoints = [
    {
      key: 'context' as const,
      label: 'order context',
      requests: context.requests,
      about: `orders ${ranges(context.numbers)}`,
    },
    { key: 'bot' as const, label: 'bot status', requests: bot.bot, about: `orders ${ranges(bot.numbers)}` },
    {
      key: 'customer' as const,
      label: 'customer context',
      requests: all.customer.slice(0, count),
      about: `${Math.min(count, all.customer.length)} customers by email`,
    },
  ];
  console.log(
    `\nA. Vendors at ${A_LATENCY_MS} ms (issue 11, part 1): every vendor at latencyMs ${A_LATENCY_MS}, jitterMs 0; ` +
      `1 connection, one request at a time; nothing cached (lastGood.freshSeconds 0); ${idsNote(bench)}; deadline ${bench.deadlineMs} ms; ` +
      `${count} requests per endpoint, never the same order twice, each customer once (the warm-up asked about its orders' customers before)` +
      `${SMOKE ? ' (smoke run: figures meaningless)' : ''}`,
  );
  console.log(
    `   ${endpoints.map((e) => `${e.label}: ${e.about}`).join('; ')}; warm-up: ${A_WARM_UP_ROUNDS} rounds of the order context, bot status and customer context about ${ranges(warm)} and their customers`,
  );
  const hub = await bench.startHub('latency100');
  try {
    // Warm-up on orders none of the measured requests ask about, and their customers: every path
    // of every connector (JIT, sockets, first calls) a few times over, as in a hub that has been
    // answering for a while, not its first answers after a start. Only those customers' CRM ids
    // are remembered by it, as before.
    for (let round = 0; round < (SMOKE ? 1 : A_WARM_UP_ROUNDS); round++) {
      for (let i = 50; i < 50 + warm.length; i++) {
        for (const request of [all.context[i], all.bot[i], all.customerOf[i]]) await ask(bench.url, request);
      }
    }
    const rows: string[] = [];
    let contextAnswers: Answer[] = [];
    const verdicts: string[] = [];
    for (const endpoint of endpoints) {
      if (!SMOKE) await untilQuiet([hub.pid!, bench.sandboxPid]);
      const others = await othersMeter([hub.pid!, bench.sandboxPid]);
      const callsBefore = await vendorCalls(bench.sandboxUrl);
      const answers = await runLoop(bench.url, endpoint.requests, 1, { amount: endpoint.requests.length });
      const calls = (await vendorCalls(bench.sandboxUrl)) - callsBefore;
      const othersPct = await others();
      if (endpoint.key === 'context') contextAnswers = answers;
      const ms = answers.filter((a) => a.status > 0).map((a) => a.ms);
      const p50 = median(ms);
      // Judged as printed (two decimals), so a printed 3.20 × is never "NOT met" against 3.2.
      const times = Number((p50 / A_LATENCY_MS).toFixed(2));
      const target = A_TARGETS[endpoint.key];
      const verdict = SMOKE ? 'not compared (smoke run)' : times <= target ? 'met' : 'NOT met';
      verdicts.push(`${endpoint.label} ${times.toFixed(2)} × (target ≤ ${target} ×: ${verdict})`);
      rows.push(
        `| ${endpoint.label} | ${answers.length} | ${answers.filter((a) => a.status < 200 || a.status > 299).length} | ` +
          `${p50.toFixed(0)} | ${percentile(ms, 90).toFixed(0)} | ${Math.max(...ms).toFixed(0)} | ${times.toFixed(2)} | ` +
          `≤ ${target} | ${verdict} | ${answers.filter((a) => a.cut.length).length} | ` +
          `${(calls / answers.length).toFixed(1)} | ${othersPct.toFixed(0)} |`,
      );
    }
    console.log(
      "\n| endpoint | answers | non-2xx | p50 ms | p90 ms | max ms | p50 × vendor latency | target | verdict | answers with a source cut | vendor calls/answer | others' CPU % |",
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    const cutPerAnswer = contextAnswers.map((a) => a.cut.length);
    console.log(
      `\nOrder context, sources cut by the deadline: ${contextAnswers.filter((a) => a.cut.length).length} of ` +
        `${contextAnswers.length} answers had one; per answer median ${median(cutPerAnswer)}, max ${Math.max(...cutPerAnswer)}` +
        `${describeCuts(contextAnswers)}`,
    );
    console.log(
      SMOKE
        ? 'Targets (vendors at 100 ms): not compared (smoke run)'
        : `Targets (vendors at 100 ms, median): ${verdicts.join('; ')}`,
    );
  } finally {
    await stop(hub);
  }
}

/** B. Every vendor at 350 ms + 0–200 ms, order context, 20 connections, 60 s. */
export async function realisticLatency(bench: LatencyBench): Promise<void> {
  await setVendorLatency(bench.sandboxUrl, bench.vendors, B.latencyMs, B.jitterMs);
  const { context, orders } = sandboxRequests();
  const length = SMOKE
    ? `${B.connections * SMOKE_REQUESTS} requests, no warm-up (smoke run: figures meaningless)`
    : `${B.seconds} s after a ${B.warmUpSeconds} s warm-up`;
  console.log(
    `\nB. Realistic latency (issue 11, part 2): every vendor at latencyMs ${B.latencyMs} + jitterMs ${B.jitterMs} ` +
      `(uniform 0–${B.jitterMs} ms more); order context; ${B.connections} connections; ${length}; ` +
      `nothing cached (lastGood.freshSeconds 0); ${idsNote(bench)}; deadline ${bench.deadlineMs} ms (the hub's default)`,
  );
  const hub = await bench.startHub('realistic');
  try {
    const rotation = { next: 0 };
    if (!SMOKE) {
      const warm = await runLoop(bench.url, context, B.connections, { seconds: B.warmUpSeconds }, rotation);
      // What the warm-up met is printed too (a cold hub at full load), and the circuits it opened are let close.
      console.log(
        `   warm-up: ${warm.length} answers, ${warm.filter((a) => a.cut.length).length} with a source cut by the deadline` +
          `${describeCuts(warm)}`,
      );
    }
    console.log(`   ${await settleCircuits(bench.url, context, rotation)}`);
    if (!SMOKE) await untilQuiet([hub.pid!, bench.sandboxPid]);
    const others = await othersMeter([hub.pid!, bench.sandboxPid]);
    const callsBefore = await vendorCalls(bench.sandboxUrl);
    const hubCpuBefore = await cpuMs(hub.pid!);
    const started = performance.now();
    const answers = await runLoop(
      bench.url,
      context,
      B.connections,
      SMOKE ? { amount: B.connections * SMOKE_REQUESTS } : { seconds: B.seconds },
      rotation,
    );
    const elapsedS = (performance.now() - started) / 1000;
    const calls = (await vendorCalls(bench.sandboxUrl)) - callsBefore;
    const hubCpu = (await cpuMs(hub.pid!)) - hubCpuBefore;
    const othersPct = await others();

    const n = answers.length;
    const answered = answers.filter((a) => a.status > 0);
    const ms = answered.map((a) => a.ms);
    const non2xx = answered.filter((a) => a.status < 200 || a.status > 299).length;
    const withCut = answers.filter((a) => a.cut.length).length;
    const incomplete = answers.filter((a) => a.cut.length || a.missing.length || a.status !== 200).length;
    const completePct = n ? Number(((100 * (n - withCut)) / n).toFixed(2)) : 0;
    const p95 = Math.round(percentile(ms, 95));
    console.log(
      `   orders: the shop's ${orders}, each request taking the next one, so the ${B.connections} in flight are always ` +
        `different orders; over the run each order was asked ~${(n / orders).toFixed(0)} times, every time cold: with ` +
        `freshSeconds 0 no copy answers in place of a call (vendor calls per answer: ${(calls / Math.max(n, 1)).toFixed(1)})`,
    );
    console.log(
      `answers: ${n} (${(n / elapsedS).toFixed(1)}/s), non-2xx ${non2xx}, errors ${n - answered.length}; ` +
        `hub CPU ${(hubCpu / Math.max(n, 1)).toFixed(1)} ms/answer; others' CPU ${othersPct.toFixed(0)}%`,
    );
    console.log(
      `latency ms: p50 ${percentile(ms, 50).toFixed(0)} | p95 ${p95.toFixed(0)} | p99 ${percentile(ms, 99).toFixed(0)} | ` +
        `max ${Math.max(...ms).toFixed(0)}`,
    );
    console.log(
      `answers with a source cut by the deadline: ${withCut} of ${n} (${((100 * withCut) / Math.max(n, 1)).toFixed(2)} %)` +
        `${describeCuts(answers)}`,
    );
    console.log(
      `answers missing a source for any reason (cut, open circuit, error) or not 200: ${incomplete} of ${n} ` +
        `(${((100 * incomplete) / Math.max(n, 1)).toFixed(2)} %)`,
    );
    if (SMOKE) {
      console.log('Targets (realistic latency): not compared (smoke run)');
      return;
    }
    console.log(
      `Targets (realistic latency): answers with no source cut ${completePct.toFixed(2)} % ` +
        `(target ≥ ${B.completePct} %: ${completePct >= B.completePct ? 'met' : 'NOT met'}); ` +
        `p95 ${p95.toFixed(0)} ms (target ≤ ${B.p95Ms} ms: ${p95 <= B.p95Ms ? 'met' : 'NOT met'})` +
        (incomplete > withCut
          ? `; not judged: ${incomplete - withCut} more answers lacked a source for another reason (above)`
          : ''),
    );
  } finally {
    await stop(hub);
  }
}

/**
 * A cold hub's first seconds at full load can open circuits (calls cut while the JIT warms up);
 * an open circuit stays open for resilience.halfOpenAfterMs (10 s) and would then leave its source
 * out of the first answers measured. So after the warm-up: one request at a time until every
 * circuit is closed again (at most 30 s), said in the output.
 */
async function settleCircuits(url: string, requests: Requests, rotation: { next: number }): Promise<string> {
  const started = performance.now();
  const first = await openCircuits(url);
  let open = first;
  let sent = 0;
  while (open.length && performance.now() - started < 30_000) {
    await runLoop(url, requests, 1, { amount: 1 }, rotation);
    sent++;
    open = await openCircuits(url);
  }
  if (!first.length) return 'circuits before the run: all closed (GET /v1/interfaces)';
  const waited = `${((performance.now() - started) / 1000).toFixed(1)} s of one request at a time (${sent} requests)`;
  return open.length
    ? `circuits open after the warm-up: ${first.join(', ')}; still ${open.join(', ')} after ${waited}: measured anyway`
    : `circuits open after the warm-up: ${first.join(', ')}; all closed again after ${waited}`;
}

/** The connectors whose circuit is not closed, as "hubspot open" (GET /v1/interfaces, admin key). */
async function openCircuits(url: string): Promise<string[]> {
  const res = await fetch(`${url}/v1/interfaces`, { headers: { authorization: 'Bearer demo-admin-key' } });
  if (!res.ok) throw new Error(`GET /v1/interfaces: ${res.status} ${await res.text()}`);
  const report = (await res.json()) as { connector: string; circuit: string }[];
  return report.filter((r) => r.circuit !== 'closed').map((r) => `${r.connector} ${r.circuit}`);
}

/** "; cut: hubspot 3 (1 shown from an older copy), ...; missing otherwise: ..." for a list of answers. */
function describeCuts(answers: Answer[]): string {
  const cut = new Map<string, number>();
  let stale = 0;
  const missing = new Map<string, number>();
  for (const a of answers) {
    for (const c of a.cut) cut.set(c, (cut.get(c) ?? 0) + 1);
    stale += a.cutStale;
    for (const m of a.missing) missing.set(m, (missing.get(m) ?? 0) + 1);
  }
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
  return (
    `; sources cut: ${cut.size ? list(cut) : 'none'}` +
    (stale ? ` (${stale} of them shown from an older copy, status stale)` : '') +
    (missing.size ? `; sources missing for another reason: ${list(missing)}` : '')
  );
}

/**
 * Sends `requests` from `connections` loops, each taking the next request of one shared rotation
 * when its previous answer is in, until `amount` requests were sent or `seconds` have passed
 * (the answers still in flight then are waited for and counted).
 */
async function runLoop(
  url: string,
  requests: Requests,
  connections: number,
  length: { amount: number } | { seconds: number },
  rotation = { next: 0 },
): Promise<Answer[]> {
  const answers: Answer[] = [];
  const endAt = 'seconds' in length ? performance.now() + length.seconds * 1000 : Infinity;
  let sent = 0;
  const more = () => ('amount' in length ? sent < length.amount : performance.now() < endAt);
  const loop = async () => {
    while (more()) {
      sent++;
      answers.push(await ask(url, requests[rotation.next++ % requests.length]));
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return answers;
}

async function ask(url: string, request: Requests[number]): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(url + request.path, {
      headers: request.headers,
      signal: AbortSignal.timeout(15_000),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    let sources: SourceLike[] = [];
    try {
      sources = ((JSON.parse(text) as { sources?: SourceLike[] }).sources ?? []) as SourceLike[];
    } catch {
      // not JSON: counted by its status
    }
    const cut = sources.filter(
      (s) => s.error?.code === 'timeout' && ['unavailable', 'partial', 'stale'].includes(s.status ?? ''),
    );
    const missing = sources.filter(
      (s) =>
        s.error?.code !== 'timeout' &&
        (['unavailable', 'partial', 'stale'].includes(s.status ?? '') || (s.status === 'skipped' && s.error)),
    );
    return {
      ms,
      status: res.status,
      cut: cut.map((s) => s.connector ?? '?'),
      cutStale: cut.filter((s) => s.status === 'stale').length,
      missing: missing.map((s) => `${s.connector ?? '?'}: ${s.status} ${s.error?.code ?? ''}`.trim()),
    };
  } catch {
    return { ms: performance.now() - started, status: 0, cut: [], cutStale: 0, missing: [] };
  }
}

/** Requests the sandbox's vendors have received so far (GET /_sandbox/stats). */
async function vendorCalls(sandboxUrl: string): Promise<number> {
  const stats = (await (await fetch(`${sandboxUrl}/_sandbox/stats`)).json()) as {
    vendors: Record<string, { requests: number }>;
  };
  return Object.values(stats.vendors).reduce((sum, v) => sum + v.requests, 0);
}

/** The median (the mean of the middle two of an even count); NaN when empty. */
function median(values: number[]): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The nearest-rank percentile `p` (0–100); NaN when empty. */
function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** 1011, 1012, 1013, 1015 → "1011–1013, 1015". */
function ranges(numbers: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < numbers.length; i++) {
    let j = i;
    while (j + 1 < numbers.length && numbers[j + 1] === numbers[j] + 1) j++;
    parts.push(j > i ? `${numbers[i]}–${numbers[j]}` : String(numbers[i]));
    i = j;
  }
  return parts.join(', ');
}
