import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type AddressInfo, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { parse, stringify } from 'yaml';
import { TEST_DATABASE_URL } from './pg-schema';
import { deleteByPrefix } from './redis-prefix';

/**
 * The hub as a real child process (`node -r @swc-node/register src/main.ts`, as deployed): for
 * tests that need several processes on one Redis and one PostgreSQL, or a hard crash (SIGKILL).
 */

const ROOT = join(__dirname, '../..');

export interface HubResponse {
  status: number;
  body: any;
}

export interface HubProcess {
  readonly name: string;
  readonly url: string;
  readonly pid: number;
  /** The last part of what the process printed (stdout and stderr), for failure messages. */
  output(): string;
  running(): boolean;
  get(path: string, key?: string): Promise<HubResponse>;
  post(path: string, body: unknown, key?: string, headers?: Record<string, string>): Promise<HubResponse>;
  /** SIGTERM (graceful shutdown), SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once: a hard crash, nothing flushed or closed. */
  crash(): Promise<void>;
}

/** What a child process prints (stdout and stderr), the last 20,000 characters, for failure messages. */
export function outputOf(child: ChildProcess): () => string {
  let printed = '';
  const keep = (chunk: Buffer) => {
    printed = (printed + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return () => printed;
}

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * config/sandbox.yaml (before interpolation: `${SANDBOX_URL}` stays for the child's env), changed
 * by `adjust`, in a temp file. `remove()` deletes it.
 */
export function writeHubConfig(adjust: (doc: Record<string, any>) => void): { file: string; remove(): void } {
  const doc = parse(readFileSync(join(ROOT, 'config/sandbox.yaml'), 'utf8')) as Record<string, any>;
  adjust(doc);
  const dir = mkdtempSync(join(tmpdir(), 'hub-config-'));
  const file = join(dir, 'hub.yaml');
  writeFileSync(file, stringify(doc));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One statement on the test database (PostgreSQL), on a connection of its own. */
export async function pgQuery<R extends Record<string, unknown> = Record<string, unknown>>(
  sql: string,
  params?: unknown[],
): Promise<R[]> {
  const client = new Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A PostgreSQL schema name of its own (the hub creates it at boot); `drop()` removes it and its tables. */
export function pgSchema(): { schema: string; drop(): Promise<void> } {
  const schema = `hub_${randomBytes(6).toString('hex')}`;
  return {
    schema,
    async drop() {
      await pgQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

/** Sum of the samples of `metric` whose labels include each of `labels` (`status="succeeded"`), from a /metrics text. */
export function metricSum(metrics: string, metric: string, labels: string[]): number {
  return metrics
    .split('\n')
    .filter((l) => l.startsWith(`${metric}{`) && labels.every((x) => l.includes(x)))
    .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

const live = new Set<HubProcess>();

/** Stops every hub process this test file started that is still running. */
export async function stopAllHubs(): Promise<void> {
  await Promise.all([...live].map((hub) => hub.stop()));
}

/**
 * The end of a suite of hub processes: stops them (printing what each printed when the suite did
 * not pass), then closes the sandbox and removes the suite's Redis keys, schema and config file.
 */
export async function tearDownHubs(suite: {
  hubs: readonly HubProcess[];
  passed: boolean;
  sandbox?: { close(): Promise<void> };
  prefix: string;
  schema: { drop(): Promise<void> };
  config?: { remove(): void };
}): Promise<void> {
  await stopAllHubs();
  if (!suite.passed) for (const h of suite.hubs) console.warn(`--- output of ${h.name} ---\n${h.output()}`);
  await suite.sandbox?.close();
  await deleteByPrefix(suite.prefix);
  await suite.schema.drop();
  suite.config?.remove();
}

// Should the test process end without its afterAll, its hubs end with it.
process.once('exit', () => {
  for (const hub of live) {
    try {
      process.kill(hub.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

export interface HubOptions {
  name: string;
  /** A config file (see writeHubConfig). */
  config: string;
  /** HUB_ROLE, DATABASE_SCHEMA, HUB_REDIS_KEY_PREFIX, SANDBOX_URL, ... (LOG_LEVEL is warn unless set). */
  env: Record<string, string>;
  readyTimeoutMs?: number;
}

/** Starts a hub on a free port and resolves once GET /health/ready answers 200. */
export async function startHub(options: HubOptions): Promise<HubProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(options, await freePort());
    } catch (error) {
      // Another process took the free port before the hub bound it: take another one.
      if (attempt === 3 || !(error as Error).message.includes('EADDRINUSE')) throw error;
    }
  }
}

async function launch(options: HubOptions, port: number): Promise<HubProcess> {
  const child: ChildProcess = spawn(process.execPath, ['-r', '@swc-node/register', 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'warn',
      DATABASE_URL: TEST_DATABASE_URL,
      ...options.env,
      HUB_CONFIG: options.config,
      PORT: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = outputOf(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => {
    gone = true;
    live.delete(hub);
  });
  const url = `http://127.0.0.1:${port}`;
  const call = async (path: string, init: RequestInit, key?: string): Promise<HubResponse> => {
    const res = await fetch(url + path, {
      ...init,
      headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...(init.headers as object) },
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (e.g. /metrics): the text
    }
    return { status: res.status, body };
  };
  const signal = async (sig: NodeJS.Signals, graceMs: number) => {
    if (gone) return;
    child.kill(sig);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    });
    if (await Promise.race([exited.then(() => false), late])) {
      child.kill('SIGKILL');
      await exited;
    }
    clearTimeout(timer);
  };
  const hub: HubProcess = {
    name: options.name,
    url,
    pid: child.pid!,
    output,
    running: () => !gone,
    get: (path, key) => call(path, {}, key),
    post: (path, body, key, headers = {}) =>
      call(
        path,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        },
        key,
      ),
    stop: (graceMs = 5_000) => signal('SIGTERM', graceMs),
    crash: () => signal('SIGKILL', 5_000),
  };
  live.add(hub);

  const deadline = Date.now() + (options.readyTimeoutMs ?? 45_000);
  for (;;) {
    if (gone) throw new Error(`hub ${options.name} exited before it was ready:\n${output()}`);
    const ready = await fetch(`${url}/health/ready`).then(
      async (r) => {
        await r.text();
        return r.status === 200;
      },
      () => false,
    );
    if (ready) return hub;
    if (Date.now() > deadline) {
      await hub.stop();
      throw new Error(
        `hub ${options.name} not ready after ${options.readyTimeoutMs ?? 45_000} ms:\n${output()}`,
      );
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
