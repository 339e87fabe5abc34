import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ACTION_ENTITY, type ActionRow } from '../../../src/actions/action.entity';
import { ActionStore } from '../../../src/actions/action.store';
import { AUDIT_ENTITY, type AuditRow } from '../../../src/audit/audit.entity';
import { AuditLog } from '../../../src/audit/audit.log';
import { HubConfigSchema } from '../../../src/config/config.schema';
import { dataSourceOptions } from '../../../src/database/database.options';
import { migrate } from '../../../src/database/migrate';
import { HubMetrics } from '../../../src/monitoring/hub-metrics';
import { type TaskRow } from '../../../src/tasks/task.entity';
import { TasksService } from '../../../src/tasks/tasks.service';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../../support/pg-schema';
import { actionRow } from '../../support/action-row.factory';

const action = actionRow;

const task = {
  kind: 'interface_down' as const,
  connector: 'shopify',
  system: 'oms' as const,
  title: 'shopify is down',
  whatFailed: 'calls fail',
  instructions: 'look it up by hand',
};

const schema = uniqueSchema('db');
const databases: [string, { url: string; schema?: string }, () => Promise<void>][] = [
  ['SQLite', { url: 'sqlite::memory:' }, async () => undefined],
  ['PostgreSQL', { url: TEST_DATABASE_URL, schema }, () => dropSchema(schema)],
];

describe.each(databases)('the database on %s', (_, database, cleanup) => {
  let db: DataSource;
  let store: ActionStore;
  let tasks: TasksService;
  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await new DataSource(dataSourceOptions(database)).initialize();
    expect(await migrate(db)).toEqual([
      'CreateActionsAndTasks1764489600000',
      'CreateAudit1764576000000',
      'TaskClaimHolder1764720000000',
      'ActionsByTime1764806400000',
      'ActionDecisions1764892800000',
    ]);
    store = new ActionStore(db);
    tasks = new TasksService(db, new HubMetrics());
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });

  it('migrates once: a second run (another process booting) finds nothing to do', async () => {
    expect(await migrate(db)).toEqual([]);
  });

  it('stores an action once per API key and Idempotency-Key', async () => {
    const first = action();
    expect((await store.insertOrExisting(first)).created).toBe(true);
    const again = await store.insertOrExisting({ ...action(), idempotencyKey: first.idempotencyKey });
    expect(again).toMatchObject({ created: false, row: { id: first.id } });
    const otherKey = await store.insertOrExisting({
      ...action(),
      apiKeyName: 'bot',
      idempotencyKey: first.idempotencyKey,
    });
    expect(otherKey.created).toBe(true);
  });

  it('keeps JSON, timestamps and nulls as they were', async () => {
    const row = action({ params: { amount: '12.30', currency: 'EUR', refund: true } });
    await store.insertOrExisting(row);
    const read = (await store.get(row.id))!;
    expect(read.params).toEqual({ amount: '12.30', currency: 'EUR', refund: true });
    expect(new Date(read.createdAt).toISOString()).toBe(row.createdAt.toISOString());
    expect(read.lastError).toBeNull();
    expect(read.decision).toBeNull();
  });

  it('keeps a remedy’s items and decision, and lists one order’s remedies newest first', async () => {
    const order = `db-${Date.now()}`;
    const decision = {
      playbook: 'damaged-item',
      rule: 'fragile-goods',
      situation: 'damaged_item',
      remedy: 'replacement',
    };
    const replacement = action({
      orderNumber: order,
      type: 'replacement',
      params: { items: [{ sku: 'MUG-CER-12', quantity: 1 }] },
      decision,
      createdAt: new Date(Date.now() - 1_000),
    });
    const credit = action({
      orderNumber: order,
      type: 'store_credit',
      params: { amount: '5.00', currency: 'USD' },
    });
    const note = action({ orderNumber: order, type: 'note' });
    for (const row of [replacement, credit, note]) await store.insertOrExisting(row);
    const read = (await store.get(replacement.id))!;
    expect(read.params).toEqual({ items: [{ sku: 'MUG-CER-12', quantity: 1 }] });
    expect(read.decision).toEqual(decision);
    const listed = await store.forOrders([order], ['refund', 'replacement', 'store_credit']);
    expect(listed.map((r) => r.id)).toEqual([credit.id, replacement.id]);
  });

  it('moves an action only from the state it is in (compare-and-set)', async () => {
    const row = action();
    await store.insertOrExisting(row);
    expect(await store.transition(row.id, ['queued'], { status: 'running', attempts: 1 }, undefined, 0)).toBe(
      true,
    );
    // A second worker with the same view loses.
    expect(await store.transition(row.id, ['queued'], { status: 'running', attempts: 1 }, undefined, 0)).toBe(
      false,
    );
    expect(
      await store.transition(row.id, ['running'], { status: 'running', attempts: 2 }, undefined, 0),
    ).toBe(false);
    expect((await store.get(row.id))!.status).toBe('running');
  });

  it('lists unfinished actions older than a moment for the reconciler', async () => {
    const old = action({ updatedAt: new Date(Date.now() - 60_000) });
    await db.getRepository<ActionRow>(ACTION_ENTITY).insert(old);
    const pending = await store.pending(new Date(Date.now() - 30_000));
    expect(pending.map((p) => p.id)).toContain(old.id);
    expect(pending.every((p) => ['queued', 'retrying', 'running'].includes(p.status))).toBe(true);
  });

  it('keeps one open task per outage, and a new one for the next outage', async () => {
    const [a, b] = await Promise.all([
      tasks.open({ ...task, dedupeKey: 'outage:shopify' }),
      tasks.open({ ...task, dedupeKey: 'outage:shopify' }),
    ]);
    expect(a.id).toBe(b.id);
    expect(await tasks.activeCounts()).toEqual({ shopify: 1 });
    // The oldest open task's creation, read back as the same instant on either database.
    expect((await tasks.activeSummary()).shopify).toEqual({ count: 1, oldest: new Date(a.createdAt) });
    const closed = await tasks.closeByDedupeKey('outage:shopify', 'recovered', 'back');
    expect(closed).toMatchObject({
      status: 'resolved',
      outcome: 'recovered',
      resolvedBy: 'context-hub',
      dedupeKey: null,
    });
    const next = await tasks.open({ ...task, dedupeKey: 'outage:shopify' });
    expect(next.id).not.toBe(a.id);
    const { rows, total } = await tasks.list({ status: 'active', limit: 10, offset: 0 });
    expect(total).toBe(1);
    expect(rows.map((r: TaskRow) => r.id)).toEqual([next.id]);
  });

  it('lets one person claim a task, and resolves it once', async () => {
    const t = await tasks.open(task);
    expect(await tasks.claim(t.id, 'Sam', 'backoffice')).toMatchObject({
      status: 'claimed',
      claimedBy: 'Sam',
    });
    expect(await tasks.claim(t.id, 'Sam', 'backoffice')).toMatchObject({ claimedBy: 'Sam' }); // idempotent for the same person
    await expect(tasks.claim(t.id, 'Kim', 'backoffice')).rejects.toMatchObject({
      status: 409,
      code: 'task_not_open',
    });
    await tasks.resolve(t.id, { outcome: 'done', by: 'Sam', keyName: 'backoffice' });
    await expect(
      tasks.resolve(t.id, { outcome: 'done', by: 'Kim', keyName: 'backoffice' }),
    ).rejects.toMatchObject({
      status: 409,
    });
  });

  it('keeps the audit trail for audit.retentionDays, and writes buffered events in batches', async () => {
    const config = HubConfigSchema.parse({ connectors: {}, audit: { retentionDays: 30 } });
    const audit = new AuditLog(db, config, new HubMetrics());
    const event = (daysAgo: number) => ({
      at: new Date(Date.now() - daysAgo * 86_400_000),
      apiKeyName: 'helpdesk',
      method: 'GET',
      route: '/v1/orders/:orderNumber/context',
      subjectType: 'order' as const,
      subject: '1001',
      status: 200,
      outcome: 'ok',
      requestId: randomUUID(),
      latencyMs: 12,
    });
    for (let i = 0; i < 450; i++) audit.record(event(i % 3 === 0 ? 45 : 1));
    await audit.flush();
    const repo = db.getRepository<AuditRow>(AUDIT_ENTITY);
    expect(await repo.count()).toBe(450);
    expect(await audit.purge()).toBe(150);
    expect(await repo.count()).toBe(300);
    expect(await audit.purge()).toBe(0);
  });
});
