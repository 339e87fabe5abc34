import { unzipSync } from 'fflate';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type AddressInfo, createServer, type Server } from 'node:net';
import { OPERATION_EXAMPLES } from '../../../src/openapi/examples';
import { until } from '../../support/hub-harness';
import { deleteByPrefix, uniquePrefix } from '../../support/redis-prefix';

/**
 * Issue 10: a documented script (`npm run bench:mapping`) crashed at once and nothing noticed.
 * Every npm script is now either part of `npm test`'s own chain, a `pre`/`post` hook of a script
 * that is covered, or smoke-run here for real: the benchmarks in smoke mode (BENCH_SMOKE=1,
 * bench/smoke.ts), the build, the servers until they answer over HTTP, and `format` in a copy of
 * the project. A new script fails this test until it is given a smoke run below.
 *
 * The scripts run one after another (only `format`, on its copy, runs alongside the first build):
 * most of them build first, and two builds at once would write dist/ together. Everything a script creates goes to a temporary directory (TMPDIR of the
 * children, SQLite files, the copy for `format`), a Redis key prefix of its own or free ports, and
 * is removed afterwards; each child is the leader of its own process group, so it goes with all of
 * its children.
 */

jest.setTimeout(120_000);

const ROOT = join(__dirname, '../../..');
const scripts = (
  JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

const HELPDESK = { authorization: 'Bearer demo-helpdesk-key' };
/** How long a server may take from `npm run` (a build first, then Nest's boot) to its readiness line. */
const READY_MS = 90_000;
/** How long a server may take to exit after SIGTERM. */
const STOP_MS = 15_000;

/** The scripts `command` runs in turn: `npm run x`, `npm test`, `npm start`... */
function scriptsCalledBy(command: string): string[] {
  return [...command.matchAll(/\bnpm\s+(?:run(?:-script)?\s+([\w:.-]+)|(test|start|stop|restart)\b)/g)].map(
    (m) => m[1] ?? m[2],
  );
}

/** `name` and every script it runs, with the `pre`/`post` hooks npm runs around each. */
function closure(name: string, seen = new Set<string>()): Set<string> {
  if (seen.has(name) || scripts[name] === undefined) return seen;
  seen.add(name);
  for (const hook of [`pre${name}`, `post${name}`]) closure(hook, seen);
  for (const called of scriptsCalledBy(scripts[name])) closure(called, seen);
  return seen;
}

// ---- children ---------------------------------------------------------------------------------

interface Run {
  readonly script: string;
  readonly child: ChildProcess;
  /** Everything printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Resolves once the whole process group has closed its output (every process in it is gone). */
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first match of `pattern` in the output; rejects if the run ends first. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
}

const live = new Set<Run>();
let scratch: string;

// Should the test process end without its afterAll, the groups it started end with it.
process.once('exit', () => {
  for (const run of live) killGroup(run, 'SIGKILL');
});

function killGroup(run: Run, signal: NodeJS.Signals): void {
  try {
    process.kill(-run.child.pid!, signal);
  } catch {
    // the group is gone already
  }
}

/** The environment of an `npm run` as a developer's shell would give it. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Jest's own (NODE_ENV=test would silence the hub's logs), and the hub's settings a test run may
  // carry (a shared database, a prefix, a port): each smoke run below sets what it needs.
  for (const name of [
    'NODE_ENV',
    'JEST_WORKER_ID',
    'HUB_CONFIG',
    'DATABASE_URL',
    'DATABASE_SCHEMA',
    'HUB_REDIS_KEY_PREFIX',
    'HUB_ROLE',
    'PORT',
    'SANDBOX_PORT',
    'SANDBOX_URL',
    'LOG_LEVEL',
  ]) {
    delete env[name];
  }
  return { ...env, TMPDIR: join(scratch, 'tmp'), ...extra };
}

function npmRun(script: string, env: Record<string, string> = {}, cwd = ROOT, args: string[] = []): Run {
  const child = spawn('npm', ['run', script, ...(args.length ? ['--', ...args] : [])], {
    cwd,
    env: childEnv(env),
    detached: true, // its own process group: npm, the shell and the node under it go together
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let printed = '';
  const listeners = new Set<() => void>();
  const keep = (chunk: Buffer) => {
    printed += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      live.delete(run);
      for (const listener of listeners) listener();
      resolve({ code, signal });
    });
  });
  const run: Run = {
    script,
    child,
    output: () => printed,
    closed,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`npm run ${script}: no ${pattern} after ${timeoutMs} ms:\n${tail(printed)}`));
        }, timeoutMs);
        const check = () => {
          const match = pattern.exec(printed);
          const ended = child.exitCode !== null || child.signalCode !== null;
          if (!match && !ended) return;
          listeners.delete(check);
          clearTimeout(timer);
          if (match) resolve(match);
          else
            reject(
              new Error(`npm run ${script} ended (${child.exitCode}) before ${pattern}:\n${tail(printed)}`),
            );
        };
        listeners.add(check);
        check();
      }),
  };
  live.add(run);
  return run;
}

/** Runs a script to its end; resolves with its exit code and output. */
async function runToEnd(
  script: string,
  env: Record<string, string> = {},
  cwd = ROOT,
  args: string[] = [],
): Promise<{ code: number | null; output: string }> {
  const run = npmRun(script, env, cwd, args);
  const { code } = await run.closed;
  return { code, output: run.output() };
}

/** SIGTERM to the whole process group, and waits until every process of it is gone. */
async function stopGroup(run: Run): Promise<void> {
  killGroup(run, 'SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), STOP_MS);
  });
  const outcome = await Promise.race([run.closed.then(() => 'closed' as const), late]);
  clearTimeout(timer);
  if (outcome === 'late') {
    killGroup(run, 'SIGKILL');
    await run.closed;
    throw new Error(
      `npm run ${run.script} did not exit within ${STOP_MS} ms of SIGTERM:\n${tail(run.output())}`,
    );
  }
}

function tail(text: string): string {
  return text.slice(-4_000);
}

/** GET `url` until it answers 200 (a server may print its line a moment before it is ready). */
async function getOk(url: string, headers: Record<string, string> = {}, timeoutMs = 20_000): Promise<any> {
  const ask = async () => {
    const res = await fetch(url, { headers }).catch(() => undefined);
    return { status: res?.status, text: res ? await res.text() : '' };
  };
  const last = await until(ask, (r) => r.status === 200, timeoutMs);
  if (last.status !== 200) throw new Error(`GET ${url}: ${last.status ?? 'no answer'} ${last.text}`);
  return JSON.parse(last.text);
}

/** `n` different loopback ports nobody listens on right now (held together, so never the same one twice). */
async function freePorts(n: number): Promise<number[]> {
  const servers: Server[] = [];
  for (let i = 0; i < n; i++) {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    servers.push(server);
  }
  const ports = servers.map((server) => (server.address() as AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

// ---- smoke runs, one per script not in npm test's chain --------------------------------------

const prefixes: string[] = [];
let build: { code: number | null; output: string } | undefined;
let format: Promise<{ code: number | null; output: string; changed: string[] }> | undefined;

/**
 * `npm run format` on a copy of the project: the files git tracks or would track (what lint
 * reads), node_modules linked. Resolves with the files it changed.
 */
async function formatInCopy(): Promise<{ code: number | null; output: string; changed: string[] }> {
  const copy = join(scratch, 'format');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((f) => f && existsSync(join(ROOT, f)) && statSync(join(ROOT, f)).isFile());
  if (!files.includes('package.json')) throw new Error(`git ls-files found no package.json in ${ROOT}`);
  for (const file of files) {
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(copy, file));
  }
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const digest = (file: string) =>
    createHash('sha256')
      .update(readFileSync(join(copy, file)))
      .digest('hex');
  const before = new Map(files.map((f) => [f, digest(f)]));
  const { code, output } = await runToEnd('format', {}, copy);
  return { code, output, changed: files.filter((f) => digest(f) !== before.get(f)) };
}

/** `npm start` or `npm run start:dev`: the hub on its built-in sandbox (no HUB_CONFIG), as a newcomer runs it. */
async function smokeHub(script: string): Promise<void> {
  const [port, sandboxPort] = await freePorts(2);
  const prefix = uniquePrefix(`npm-${script.replace(':', '-')}`);
  prefixes.push(prefix);
  const database = join(scratch, script.replace(':', '-'), 'hub.sqlite');
  const run = npmRun(script, {
    PORT: String(port),
    SANDBOX_PORT: String(sandboxPort),
    HUB_DEMO_DATABASE_URL: `sqlite:${database}`, // not ./data/hub-sandbox.sqlite of the working tree
    HUB_REDIS_KEY_PREFIX: prefix,
    LOG_LEVEL: 'warn',
  });
  try {
    const [, url] = await run.waitFor(/Context Hub is listening on (http:\/\/[\d.]+:\d+)\s/, READY_MS);
    expect(run.output()).toMatch(/^DEMO: /m); // the npm script asked for the demo, and it says so
    expect(url).toBe(`http://127.0.0.1:${port}`);
    const health = await getOk(`${url}/health/ready`);
    expect(health.status).toBe('ok');
    // A real answer, through the sandbox the hub started: the order every README example uses.
    const context = await getOk(`${url}/v1/orders/1001/context`, HELPDESK);
    expect(JSON.stringify(context)).toContain('1001');
    expect(existsSync(database)).toBe(true);
  } finally {
    await stopGroup(run);
  }
}

const SMOKE: Record<string, () => Promise<void>> = {
  build: async () => {
    expect(build).toBeDefined();
    expect({ code: build!.code, output: tail(build!.output) }).toEqual({
      code: 0,
      output: expect.any(String),
    });
    expect(existsSync(join(ROOT, 'dist/src/main.js'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist/sandbox/main.js'))).toBe(true);
  },

  'bench:mapping': async () => {
    const { code, output } = await runToEnd('bench:mapping', { BENCH_SMOKE: '1' });
    expect({ code, output: tail(output) }).toEqual({ code: 0, output: expect.any(String) });
    expect(output).toMatch(/Mapping benchmark: [1-9]\d* Shopify fixture orders, 3 batches of 50/);
    expect(output).toMatch(/mapping \(compiled YAML → canonical order\)\s+median\s+[\d.]+ µs\/order/);
    expect(output).toMatch(/mapping \+ validation \(registry\.map\)\s+median\s+[\d.]+ µs\/order/);
    expect(output).toContain('target not compared: smoke run');
  },

  bench: async () => {
    const { code, output } = await runToEnd('bench', { BENCH_SMOKE: '1' });
    expect({ code, output: tail(output) }).toEqual({ code: 0, output: expect.any(String) });
    expect(output).toContain('Context Hub read-path benchmark');
    // Every scenario at both connection counts, each with answers and none failed.
    for (const scenario of [
      '(a) bare undici',
      '(a′) bare fan-out',
      '(b) order context',
      '(c) order',
      '(d) bot',
    ]) {
      for (const connections of [1, 50]) {
        const row = output
          .split('\n')
          .find((l) => l.startsWith(`| ${scenario}`) && l.split('|')[2].trim() === String(connections));
        expect(row).toBeDefined();
        const [rps, , , , non2xx, errors] = row!
          .split('|')
          .slice(3, 9)
          .map((c) => Number(c.trim()));
        expect({ row, rps: rps > 0, non2xx, errors }).toEqual({ row, rps: true, non2xx: 0, errors: 0 });
      }
    }
    expect(output).toContain('Targets: not compared (smoke run)');
    // Issue 11's scenarios against slow vendors: A (each endpoint, one at a time) and B (20 connections).
    for (const endpoint of ['order context', 'bot status', 'customer context']) {
      const row = output.split('\n').find((l) => l.startsWith(`| ${endpoint} |`));
      expect(row).toBeDefined();
      const [answers, non2xx] = row!
        .split('|')
        .slice(2, 4)
        .map((c) => Number(c.trim()));
      expect({ row, answers: answers > 0, non2xx }).toEqual({ row, answers: true, non2xx: 0 });
    }
    expect(output).toMatch(/Order context, sources cut by the deadline: \d+ of [1-9]\d* answers/);
    expect(output).toContain('Targets (vendors at 100 ms): not compared (smoke run)');
    expect(output).toMatch(/\nanswers: [1-9]\d* \([\d.]+\/s\), non-2xx 0, errors 0;/);
    expect(output).toMatch(/latency ms: p50 \d+ \| p95 \d+ \| p99 \d+ \| max \d+/);
    expect(output).toMatch(/answers with a source cut by the deadline: \d+ of [1-9]\d* \(/);
    expect(output).toContain('Targets (realistic latency): not compared (smoke run)');
  },

  'bench:profile': async () => {
    const { code, output } = await runToEnd('bench:profile', { BENCH_SMOKE: '1' });
    expect({ code, output: tail(output) }).toEqual({ code: 0, output: expect.any(String) });
    expect(output).toMatch(
      /order context, nothing cached, 50 connections: [1-9]\d* answers .* \(0 non-2xx\)/,
    );
    expect(output).toMatch(/main thread busy: [\d.]+ ms per answer/);
    expect(output).toMatch(/\| hub: src\/\w+ \| [\d.]+ \| [\d.]+% \|/);
    const [, profile] = /profile: (\S+\.cpuprofile)/.exec(output) ?? [];
    expect(profile?.startsWith(join(scratch, 'tmp'))).toBe(true); // kept under the children's TMPDIR
    expect(existsSync(profile!)).toBe(true);
  },

  start: () => smokeHub('start'),

  'start:dev': () => smokeHub('start:dev'),

  sandbox: async () => {
    const [port] = await freePorts(1);
    const run = npmRun('sandbox', { SANDBOX_PORT: String(port) });
    try {
      const [, url] = await run.waitFor(/Context Hub sandbox listening on (http:\/\/[\d.]+:\d+)\s/, READY_MS);
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const orders = await getOk(`${url}/_sandbox/world/orders`);
      expect(Array.isArray(orders) ? orders.length : JSON.stringify(orders).length).toBeGreaterThan(0);
      const faults = await getOk(`${url}/_sandbox/faults`);
      expect(Object.keys(faults)).toContain('shopify');
    } finally {
      await stopGroup(run);
    }
    expect(run.output()).toContain('SIGTERM: closing the sandbox');
  },

  'package:zendesk': async () => {
    const zip = join(scratch, 'context-hub-zendesk.zip');
    const { code, output } = await runToEnd('package:zendesk', {
      HUB_PUBLIC_URL: 'https://hub.example.com',
      ZENDESK_APP_ZIP: zip,
    });
    expect({ code, output: tail(output) }).toEqual({ code: 0, output: expect.any(String) });
    expect(output).toContain(`${zip} (`);
    expect(output).toContain('for https://hub.example.com');
    const files = unzipSync(readFileSync(zip));
    expect(JSON.parse(Buffer.from(files['manifest.json']).toString('utf8')).domainWhitelist).toEqual([
      'hub.example.com',
    ]);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(['assets/iframe.html', 'assets/context-card.js']),
    );
  },

  'lint:openapi': async () => {
    // A 3.0 document with the mistakes zod's JSON Schema brings (2020-12 `const`, a type list) and
    // an operation an agent builder could not name: each is an error, and the exit code says so.
    const doc = join(scratch, 'bad-openapi.json');
    writeFileSync(
      doc,
      JSON.stringify({
        openapi: '3.0.0',
        info: { title: 'bad', version: '1' },
        paths: {
          '/x': {
            get: {
              responses: {
                '200': {
                  description: 'ok',
                  content: {
                    'application/json': {
                      schema: {
                        type: 'object',
                        properties: { a: { const: 'x' }, b: { type: ['string', 'null'] } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      }),
    );
    const { code, output } = await runToEnd('lint:openapi', { OPENAPI_DOCS: doc });
    expect(code).toBe(1);
    expect(output).toContain('error operation-operationId');
    expect(output).toContain('error struct: Property `const` is not expected here.');
    expect(output).toMatch(/error struct: `type` can be one of the following only/);
    expect(output).toMatch(/1 document\(s\): [1-9]\d* error\(s\)/);
  },

  'playbooks:try': async () => {
    // A playbook not yet deployed, tried on a saved order context (the OpenAPI example: order 1037,
    // lost by USPS): its rule decides, with the amount worked out from the order.
    const context = join(scratch, 'order-1037-context.json');
    writeFileSync(context, JSON.stringify(OPERATION_EXAMPLES.getOrderContext.responses['200']));
    const candidate = join(scratch, 'late-goodwill.yaml');
    writeFileSync(
      candidate,
      [
        'id: late-goodwill',
        'title: Late goodwill',
        'situation: late',
        'detect: "\'delivery_exception\' in flags"',
        'rules:',
        '  - id: credit',
        '    when: itemsValue > 50',
        '    why: Late and worth it.',
        '    remedies:',
        '      - { remedy: store_credit, amount: { percent: 10, of: order }, channels: [agent, bot] }',
      ].join('\n'),
    );
    const tried = await runToEnd('playbooks:try', {}, ROOT, [
      '--context',
      context,
      '--file',
      candidate,
      '--channel',
      'bot',
    ]);
    expect(tried.code).toBe(0);
    expect(tried.output).toContain('late-goodwill → rule credit (detected): Late and worth it.');
    expect(tried.output).toMatch(/- store_credit \d+\.\d\d USD \[agent, bot\]/);
    const wrong = await runToEnd('playbooks:try', {}, ROOT, ['--context', context, '--order', '1037']);
    expect(wrong.code).toBe(2);
    expect(wrong.output).toContain('give --order or --context, one of them');
  },

  // `format` writes files: it runs on a copy of the project (see formatInCopy), in parallel with the
  // build (neither touches what the other does), and must change nothing, since lint passed.
  format: async () => {
    const { code, output, changed } = await format!;
    expect({ code, output: tail(output) }).toEqual({ code: 0, output: expect.any(String) });
    expect(changed).toEqual([]); // files `npm run lint` would refuse: run `npm run format`
  },
};

describe('npm scripts', () => {
  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'hub-npm-scripts-'));
    mkdirSync(join(scratch, 'tmp'));
    format = formatInCopy();
    format.catch(() => undefined); // its test reports it
    // Once for all: most scripts build first, and then find nothing left to compile.
    build = await runToEnd('build');
  }, 180_000);

  afterAll(async () => {
    for (const run of [...live]) killGroup(run, 'SIGKILL');
    await Promise.all([...live].map((run) => run.closed));
    for (const prefix of prefixes) await deleteByPrefix(prefix);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it("each is in npm test's chain, a hook of a covered script, or smoke-run here", () => {
    const chain = closure('test');
    const covered = (name: string) => chain.has(name) || name in SMOKE;
    const hookOfCovered = (name: string) => {
      const base = /^(?:pre|post)(.+)$/.exec(name)?.[1];
      return base !== undefined && base in scripts && covered(base);
    };
    const uncovered = Object.keys(scripts).filter((name) => !covered(name) && !hookOfCovered(name));
    expect(uncovered).toEqual([]); // give each a smoke run in SMOKE above
    expect(Object.keys(SMOKE).filter((name) => !(name in scripts))).toEqual([]); // gone from package.json
    expect(Object.keys(SMOKE).filter((name) => chain.has(name))).toEqual([]); // run by npm test already
    // What the chain is made of today, so a change to it is seen here too.
    expect([...chain].sort()).toEqual(
      expect.arrayContaining(['lint', 'test', 'test:e2e', 'test:integration', 'test:unit', 'typecheck']),
    );
  });

  for (const [script, smoke] of Object.entries(SMOKE)) {
    it(`npm run ${script}`, smoke);
  }
});
