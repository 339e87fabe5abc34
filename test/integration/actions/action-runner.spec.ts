import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { type ActionRow } from '../../../src/actions/action.entity';
import { ActionRunner, RetryLater } from '../../../src/actions/action.runner';
import { ActionStore } from '../../../src/actions/action.store';
import { HubConfigSchema } from '../../../src/config/config.schema';
import { ConnectorRegistry } from '../../../src/connectors/connector.registry';
import { HUB_CONFIG } from '../../../src/config/config.tokens';
import { REDIS } from '../../../src/redis/redis.tokens';
import { type Connector, ConnectorError, type WriteSafety } from '../../../src/connectors/contract';
import { dataSourceOptions } from '../../../src/database/database.options';
import { migrate } from '../../../src/database/migrate';
import { HubMetrics } from '../../../src/monitoring/hub-metrics';
import { ResilienceRegistry } from '../../../src/resilience/resilience.registry';
import { TasksService } from '../../../src/tasks/tasks.service';
import { deleteByPrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/redis-prefix';
import { actionRow } from '../../support/action-row.factory';

/** The runner against a real database, with a connector double at the contract's edge. */
describe('ActionRunner', () => {
  let db: DataSource;
  const prefix = uniquePrefix('runner');
  const redis = new Redis(TEST_REDIS_URL, { keyPrefix: `${prefix}:` });
  let store: ActionStore;
  let tasks: TasksService;
  const calls: string[] = [];
  let answer: () => Promise<{ summary: string }>;
  let safety: WriteSafety;

  const connector = {
    id: 'oms',
    type: 'shopify',
    system: 'oms',
    capabilities: [],
    mappingContext: {},
    get actions() {
      return { note: safety, refund: safety, cancel: safety };
    },
    performAction: async (a: { id: string }) => {
      calls.push(a.id);
      return answer();
    },
    manualAction: () => ({
      instructions: 'Open the order in Shopify admin and add the note.',
      url: 'https://admin/x',
    }),
    manualLookup: () => ({ instructions: 'Search the order.' }),
    healthCheck: async () => undefined,
  } as unknown as Connector;

  let runner: ActionRunner;
  /** A runner as the container wires it: this test's database, Redis and connector double. */
  const makeRunner = async (breakerFailures: number) => {
    const config = HubConfigSchema.parse({
      connectors: {},
      resilience: { breakerFailures, halfOpenAfterMs: 60_000 },
    });
    const registry: Pick<ConnectorRegistry, 'get' | 'all'> = {
      get: (id: string) => (id === 'oms' ? connector : undefined),
      all: () => [connector],
    };
    const moduleRef = await Test.createTestingModule({
      providers: [
        ActionRunner,
        HubMetrics,
        { provide: HUB_CONFIG, useValue: config },
        { provide: ActionStore, useValue: store },
        { provide: TasksService, useValue: tasks },
        { provide: ConnectorRegistry, useValue: registry },
        { provide: ResilienceRegistry, useValue: new ResilienceRegistry(config.resilience, [connector]) },
        { provide: REDIS, useValue: redis },
      ],
    }).compile();
    return moduleRef.get(ActionRunner);
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await new DataSource(dataSourceOptions({ url: 'sqlite::memory:' })).initialize();
    await migrate(db);
    store = new ActionStore(db);
    tasks = new TasksService(db, new HubMetrics());
  });
  afterAll(async () => {
    await db.destroy();
    redis.disconnect();
    await deleteByPrefix(prefix);
  });
  beforeEach(async () => {
    runner = await makeRunner(1_000);
    calls.length = 0;
    safety = 'natural';
    answer = async () => ({ summary: 'done' });
  });

  const stored = async (over: Partial<ActionRow> = {}) => {
    const row = actionRow({
      connector: 'oms',
      params: { text: 'hi', author: 'helpdesk' },
      maxAttempts: 2,
      ...over,
    });
    await store.insertOrExisting(row);
    return row;
  };
  const read = async (id: string) => (await store.get(id))!;

  it('runs a queued action once and records the result', async () => {
    const row = await stored();
    expect(await runner.run(row.id)).toBe('succeeded');
    expect(await runner.run(row.id)).toBe('skipped'); // a duplicate job finds it finished
    expect(calls).toEqual([row.id]);
    expect(await read(row.id)).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      result: { summary: 'done' },
    });
  });

  it('retries what may pass, then hands it to a person with the steps by hand', async () => {
    answer = async () => {
      throw new ConnectorError('upstream_unavailable', 'HTTP 503');
    };
    const row = await stored();
    await expect(runner.run(row.id)).rejects.toBeInstanceOf(RetryLater);
    expect(await read(row.id)).toMatchObject({
      status: 'retrying',
      attempts: 1,
      lastError: { code: 'upstream_unavailable' },
    });
    expect(await runner.run(row.id)).toBe('manual');
    const after = await read(row.id);
    expect(after).toMatchObject({ status: 'manual', attempts: 2 });
    expect(await tasks.get(after.taskId!)).toMatchObject({
      kind: 'action_failed',
      actionId: row.id,
      url: 'https://admin/x',
      instructions: expect.stringContaining('Open the order in Shopify admin'),
    });
  });

  it('does not retry a refusal', async () => {
    answer = async () => {
      throw new ConnectorError('rejected', 'Cannot cancel an order that has fulfillments');
    };
    const row = await stored({ maxAttempts: 5 });
    expect(await runner.run(row.id)).toBe('manual');
    expect(await read(row.id)).toMatchObject({
      status: 'manual',
      attempts: 1,
      lastError: { code: 'rejected' },
    });
  });

  it('asks a person to check a write whose worker died mid-call when the vendor cannot deduplicate it', async () => {
    safety = 'unsafe';
    const row = await stored({ status: 'running', attempts: 1 });
    expect(await runner.run(row.id)).toBe('manual');
    expect(calls).toEqual([]);
    const after = await read(row.id);
    expect(after.lastError).toMatchObject({ code: 'unknown_outcome' });
    expect(await tasks.get(after.taskId!)).toMatchObject({ kind: 'action_unknown_outcome' });
  });

  it('sends it again when the vendor deduplicates on the key', async () => {
    safety = 'keyed';
    const row = await stored({ status: 'running', attempts: 1, maxAttempts: 3 });
    expect(await runner.run(row.id)).toBe('succeeded');
    expect(calls).toEqual([row.id]);
    expect(await read(row.id)).toMatchObject({ status: 'succeeded', attempts: 2 });
  });

  it('treats a timeout of an unsafe write as an unknown outcome, not a retry', async () => {
    safety = 'unsafe';
    answer = async () => {
      throw new ConnectorError('timeout', 'no answer in 15000 ms');
    };
    const row = await stored({ maxAttempts: 5 });
    expect(await runner.run(row.id)).toBe('manual');
    expect(await tasks.get((await read(row.id)).taskId!)).toMatchObject({ kind: 'action_unknown_outcome' });
  });

  it('hands an unsafe write a vendor may have made (a 5xx after it went out) to a person; retries one it did not', async () => {
    safety = 'unsafe';
    answer = async () => {
      throw new ConnectorError('upstream_unavailable', 'HTTP 502 (the vendor may have made the write)', {
        maybeWritten: true,
      });
    };
    const maybe = await stored({ maxAttempts: 5 });
    expect(await runner.run(maybe.id)).toBe('manual');
    expect(await read(maybe.id)).toMatchObject({ status: 'manual', attempts: 1 });
    expect(await tasks.get((await read(maybe.id)).taskId!)).toMatchObject({ kind: 'action_unknown_outcome' });

    answer = async () => {
      throw new ConnectorError('upstream_unavailable', 'HTTP 503 before the write');
    };
    const before = await stored({ maxAttempts: 5 });
    await expect(runner.run(before.id)).rejects.toBeInstanceOf(RetryLater);
    expect(await read(before.id)).toMatchObject({ status: 'retrying' });
  });

  it('runs one write at a time per order, across runners', async () => {
    let inFlight = 0;
    let most = 0;
    answer = async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      return { summary: 'done' };
    };
    const other = await makeRunner(1_000);
    const rows = await Promise.all([1, 2, 3, 4].map(() => stored({ orderNumber: '2002' })));
    const results = await Promise.all(rows.map((r, i) => (i % 2 ? other : runner).run(r.id)));
    expect(results).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    expect(most).toBe(1);
  });

  it('waits while the circuit is open instead of giving up', async () => {
    answer = async () => {
      throw new ConnectorError('upstream_unavailable', 'HTTP 503');
    };
    // Two failures open the breaker; the next call meets an open circuit.
    runner = await makeRunner(2);
    for (let i = 0; i < 2; i++) await runner.run((await stored({ maxAttempts: 1 })).id);
    const row = await stored({ maxAttempts: 3 });
    await expect(runner.run(row.id)).rejects.toBeInstanceOf(RetryLater);
    expect(await read(row.id)).toMatchObject({ status: 'retrying', lastError: { code: 'circuit_open' } });
  });

  it('comes back later without spending an attempt when the vendor budget held the call back', async () => {
    answer = async () => {
      throw new ConnectorError('budget_exhausted', 'oms: its rate budget is used up for now', {
        retryable: false,
        retryAfterMs: 120,
      });
    };
    const row = await stored({ maxAttempts: 1 });
    const later = await runner.run(row.id).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(later).toBeInstanceOf(RetryLater);
    expect(later).toMatchObject({ retryAfterMs: 120 });
    expect(await read(row.id)).toMatchObject({
      status: 'retrying',
      attempts: 0,
      lastError: { code: 'budget_exhausted' },
    });
    // With the budget back, its one attempt is still there.
    answer = async () => ({ summary: 'note added' });
    expect(await runner.run(row.id)).toBe('succeeded');
    expect(await read(row.id)).toMatchObject({ status: 'succeeded', attempts: 1 });
  });
});
