import { randomUUID } from 'node:crypto';
import { type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type NestFastifyApplication } from '@nestjs/platform-fastify';
import { startSandbox } from '../../sandbox/sandbox.server';
import { type World } from '../../sandbox/world/world.types';
import { type DestinationStream } from 'pino';
import { DataSource } from 'typeorm';
import { AUDIT_ENTITY, type AuditRow } from '../../src/audit/audit.entity';
import { AuditLog } from '../../src/audit/audit.log';
import { Test, type TestingModuleBuilder } from '@nestjs/testing';
import { createHub, type HubFactory } from '../../src/bootstrap';
import { loadConfigFile } from '../../src/config/config.loader';
import { type HubConfig } from '../../src/config/config.schema';
import { deleteByPrefix, uniquePrefix } from './redis-prefix';

export interface Harness {
  hubUrl: string;
  sandboxUrl: string;
  config: HubConfig;
  /** The seeded world every simulated vendor renders: expectations come from it. */
  world: World;
  /** GET on the hub with the given key (or none). */
  get(
    path: string,
    key?: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: any }>;
  /** POST JSON to the hub with the given key (or none). */
  post(
    path: string,
    body: unknown,
    key?: string,
    headers?: Record<string, string>,
  ): Promise<{ status: number; headers: Headers; body: any }>;
  /** What the simulated vendors really wrote (GET /_sandbox/writes). */
  writes(): Promise<{
    writes: { vendor: string; operation: string; orderNumber?: string; key?: string }[];
    replays: number;
  }>;
  /** Switches a sandbox fault at run time, as an operator would with curl. */
  fault(vendor: string, fault: Record<string, unknown>): Promise<void>;
  resetFaults(): Promise<void>;
  /** The request ids the audit trail holds (after flushing what is buffered). */
  audited(): Promise<Set<string>>;
  /** Forgets every last-good copy this hub kept (its own Redis key prefix). */
  clearLastGood(): Promise<void>;
  close(): Promise<void>;
}

export const KEYS = {
  helpdesk: 'demo-helpdesk-key',
  bot: 'demo-bot-key',
  backoffice: 'demo-backoffice-key',
  admin: 'demo-admin-key',
};

/** Polls until `check` holds or `ms` passes; returns the last value seen. */
export async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 5_000): Promise<T> {
  let value = await read();
  for (const end = Date.now() + ms; !check(value) && Date.now() < end;) {
    await new Promise((r) => setTimeout(r, 20));
    value = await read();
  }
  return value;
}

/**
 * Actions that retry within milliseconds and no reconciler sweeping behind the test: a vendor
 * that is down turns an action into a task at once. `attempts` lowers the tries as well.
 */
export function quickActions(config: HubConfig, attempts?: number): void {
  if (attempts !== undefined) config.actions.attempts = attempts;
  config.actions.backoffMs = 20;
  config.actions.maxBackoffMs = 60;
  config.actions.reconcileIntervalMs = 0;
}

export interface HarnessOptions {
  only?: string[];
  logStream?: DestinationStream;
  /** Replaces providers the Nest way: the root module imported into a testing module, then overridden. */
  override?: (module: TestingModuleBuilder) => TestingModuleBuilder;
}

/** Harnesses started and not closed yet, starts not finished, and closes not finished. */
const open = new Set<Harness>();
const starting = new Set<Promise<Harness>>();
const closing = new Set<Promise<void>>();

/**
 * Closes every harness a test file left open, once its own hooks are done, and fails the file for
 * it: a `beforeAll` that timed out on a loaded machine leaves its hub listening with nobody to
 * close it, and Jest would wait for its sockets forever instead of reporting the failure
 * (test/setup/open-harnesses.ts runs this after each e2e file).
 */
export async function closeOpenHarnesses(): Promise<void> {
  await Promise.allSettled([...starting]);
  await Promise.allSettled([...closing]);
  const left = [...open];
  const failures: unknown[] = [];
  for (const harness of left) await harness.close().catch((e: unknown) => failures.push(e));
  if (left.length) failures.unshift(new Error(`${left.length} hub harness(es) left open by this file`));
  if (failures.length === 1) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, failures.map(String).join('; '));
}

/** The hub as `npm start` runs it (config/sandbox.yaml), on ephemeral ports, over real HTTP. */
export function startHarness(
  adjust: (config: HubConfig) => void = () => undefined,
  options: HarnessOptions = {},
): Promise<Harness> {
  const start = openHarness(adjust, options);
  starting.add(start);
  start.then(
    (harness) => {
      starting.delete(start);
      open.add(harness);
    },
    () => starting.delete(start),
  );
  return start;
}

async function openHarness(
  adjust: (config: HubConfig) => void = () => undefined,
  options: HarnessOptions,
): Promise<Harness> {
  const sandbox = await startSandbox({ port: 0 });
  const config = loadConfigFile(join(__dirname, '../../config/sandbox.yaml'), { SANDBOX_URL: sandbox.url });
  config.server.port = 0;
  // Each harness has its own Redis key prefix and removes its keys when it closes.
  config.redis.keyPrefix = uniquePrefix('e2e');
  // Fault tests must not trip each other's circuit breakers; a suite that tests the breaker lowers this.
  config.resilience.breakerFailures = 1_000;
  // Fault tests need every question to reach the vendor; a suite that tests fresh copies turns them on.
  config.lastGood.freshSeconds = 0;
  // Probes would add vendor calls at random moments; a suite that tests them turns them on.
  config.monitoring.probeIntervalMs = 0;
  // Suites send bursts the sandbox's vendors take (they keep no rate limits but Shopify's bucket);
  // the vendor budgets, which hold bursts back, are tested on their own
  // (test/integration/scale-out/vendor-budgets.spec.ts): here they count but never hold a call.
  config.budgets.connectors = Object.fromEntries(
    Object.keys(config.connectors).map((id) => [
      id,
      { overall: { limit: 1_000_000, perSeconds: 1 }, search: { limit: 1_000_000, perSeconds: 1 } },
    ]),
  );
  // Each harness has its own database; a suite that needs PostgreSQL sets a schema of its own.
  config.database = { url: 'sqlite::memory:' };
  if (options.only) {
    config.connectors = Object.fromEntries(
      Object.entries(config.connectors).filter(([id]) => options.only!.includes(id)),
    );
  }
  adjust(config);
  let app: NestFastifyApplication;
  try {
    const override = options.override;
    const factory: HubFactory | undefined = override
      ? async (module, adapter, appOptions) => {
          const moduleRef = await override(Test.createTestingModule({ imports: [module] })).compile();
          return moduleRef.createNestApplication<NestFastifyApplication>(adapter, appOptions);
        }
      : undefined;
    app = await createHub(config, {
      ...(options.logStream ? { logStream: options.logStream } : { logs: false }),
      factory,
    });
    await app.listen(0, '127.0.0.1');
  } catch (e) {
    await sandbox.close();
    throw e;
  }
  const { port } = app.getHttpServer().address() as AddressInfo;
  const audited = async () => {
    await app.get(AuditLog).flush();
    const repo = app.get(DataSource).getRepository<AuditRow>(AUDIT_ENTITY);
    return new Set((await repo.find({ select: { requestId: true } })).map((r) => r.requestId));
  };
  // Each API request carries its own x-request-id, so close() can find it in the audit trail.
  const tracked: string[] = [];
  const track = (path: string, headers: Record<string, string>) => {
    if (!path.startsWith('/v1/') || headers['x-request-id']) return headers;
    const id = `e2e-${randomUUID()}`;
    tracked.push(id);
    return { ...headers, 'x-request-id': id };
  };
  const hubUrl = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;
  const json = async (res: Response) => {
    const text = await res.text();
    try {
      return text ? JSON.parse(text) : undefined;
    } catch {
      return text;
    }
  };
  const harness: Harness = {
    hubUrl,
    sandboxUrl: sandbox.url,
    config,
    world: sandbox.world,
    async get(path, key, headers = {}) {
      const res = await fetch(hubUrl + path, {
        headers: { ...(key ? { authorization: `Bearer ${key}` } : {}), ...track(path, headers) },
      });
      return { status: res.status, headers: res.headers, body: await json(res) };
    },
    async post(path, body, key, headers = {}) {
      const res = await fetch(hubUrl + path, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...track(path, headers),
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: res.status, headers: res.headers, body: await json(res) };
    },
    async writes() {
      return (await (await fetch(`${sandbox.url}/_sandbox/writes`)).json()) as Awaited<
        ReturnType<Harness['writes']>
      >;
    },
    async fault(vendor, fault) {
      const res = await fetch(`${sandbox.url}/_sandbox/faults/${vendor}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(fault),
      });
      if (!res.ok) throw new Error(`sandbox fault ${vendor}: HTTP ${res.status} ${await res.text()}`);
    },
    async resetFaults() {
      await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    },
    async clearLastGood() {
      await deleteByPrefix(config.redis.keyPrefix);
    },
    async audited() {
      await app.get(AuditLog).flush();
      const rows = await app
        .get(DataSource)
        .getRepository<AuditRow>(AUDIT_ENTITY)
        .find({ select: { requestId: true } });
      return new Set(rows.map((r) => r.requestId));
    },
    close() {
      // Every caller waits for the one close, and sees its failure.
      closed ??= shutDown();
      closing.add(closed);
      return closed;
    },
  };
  /** Stops the hub, the sandbox and the Redis keys whatever fails first; then throws the first failure. */
  const shutDown = async () => {
    const steps = [
      // Every API request this suite made is in the audit trail (issue 5: "records every read").
      async () => {
        const ids = await audited();
        const missing = tracked.filter((id) => !ids.has(id));
        if (missing.length) throw new Error(`${missing.length} API request(s) missing from the audit trail`);
      },
      () => app.close(),
      () => sandbox.close(),
      () => deleteByPrefix(config.redis.keyPrefix),
    ];
    let failure: unknown;
    for (const step of steps) await step().catch((e: unknown) => (failure ??= e));
    open.delete(harness);
    if (failure !== undefined) throw failure;
  };
  return harness;
}
