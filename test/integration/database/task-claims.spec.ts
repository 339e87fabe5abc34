import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/database/database.options';
import { migrate } from '../../../src/database/migrate';
import { HubMetrics } from '../../../src/monitoring/hub-metrics';
import { TASK_ENTITY, type TaskRow } from '../../../src/tasks/task.entity';
import { TasksService } from '../../../src/tasks/tasks.service';
import { dropSchema, TEST_DATABASE_URL, uniqueSchema } from '../../support/pg-schema';

const task = {
  kind: 'action_failed' as const,
  connector: 'shopify',
  system: 'oms' as const,
  title: 'Add a note to order #1001 in shopify: do it by hand',
  whatFailed: 'calls fail',
  instructions: 'add it by hand',
};

const schema = uniqueSchema('claims');
const databases: [string, { url: string; schema?: string }, () => Promise<void>][] = [
  ['SQLite', { url: 'sqlite::memory:' }, async () => undefined],
  ['PostgreSQL', { url: TEST_DATABASE_URL, schema }, () => dropSchema(schema)],
];

/** Issue 10: only whoever claimed a task resolves it, decided in the UPDATE itself. */
describe.each(databases)('resolving claimed tasks on %s', (_, database, cleanup) => {
  let db: DataSource;
  let tasks: TasksService;
  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await new DataSource(dataSourceOptions(database)).initialize();
    expect(await migrate(db)).toContain('TaskClaimHolder1764720000000');
    tasks = new TasksService(db, new HubMetrics());
  });
  afterAll(async () => {
    await db.destroy();
    await cleanup();
  });
  afterEach(() => jest.restoreAllMocks());

  const row = (id: string) => db.getRepository<TaskRow>(TASK_ENTITY).findOneByOrFail({ id });

  it('keeps the claimant and key; anyone else gets 409 task_claimed_by_other and the task stays claimed', async () => {
    const t = await tasks.open(task);
    expect(await tasks.claim(t.id, 'Dana', 'backoffice')).toMatchObject({
      claimedBy: 'Dana',
      claimedKey: 'backoffice',
      claimOverridden: false,
    });
    for (const [by, keyName] of [
      ['Eve', 'ops'],
      ['Eve', 'backoffice'],
      ['Dana', 'ops'],
    ]) {
      await expect(tasks.resolve(t.id, { outcome: 'done', by, keyName })).rejects.toMatchObject({
        status: 409,
        code: 'task_claimed_by_other',
        extensions: { claimedBy: 'Dana', claimedKey: 'backoffice' },
      });
    }
    expect(await row(t.id)).toMatchObject({ status: 'claimed', claimedBy: 'Dana', resolvedBy: null });
    expect(await tasks.resolve(t.id, { outcome: 'done', by: 'Dana', keyName: 'backoffice' })).toMatchObject({
      status: 'resolved',
      resolvedBy: 'Dana',
      claimOverridden: false,
    });
  });

  it('records an override: the claim stays on the row, claimOverridden says it was taken over', async () => {
    const t = await tasks.open(task);
    await tasks.claim(t.id, 'Dana', 'backoffice');
    const warn = jest.spyOn(Logger.prototype, 'warn');
    const done = await tasks.resolve(t.id, {
      outcome: 'cancelled',
      by: 'Zoe',
      keyName: 'admin',
      override: true,
    });
    expect(warn).toHaveBeenCalledWith(
      `task ${t.id} resolved by Zoe (API key admin) over the claim of Dana (API key backoffice): cancelled`,
    );
    expect(done).toMatchObject({
      status: 'resolved',
      outcome: 'cancelled',
      claimedBy: 'Dana',
      claimedKey: 'backoffice',
      resolvedBy: 'Zoe',
      claimOverridden: true,
    });
    expect(tasks.toView(done)).toMatchObject({ claimOverridden: true, claimedKey: 'backoffice' });
  });

  it('decides in the UPDATE: a resolve that read the task open loses to a claim that landed since', async () => {
    const t = await tasks.open(task);
    const seenOpen = await row(t.id);
    await tasks.claim(t.id, 'Dana', 'backoffice');
    // Eve's request read the task before Dana's claim committed.
    jest.spyOn(tasks, 'get').mockResolvedValueOnce(seenOpen);
    await expect(tasks.resolve(t.id, { outcome: 'done', by: 'Eve', keyName: 'ops' })).rejects.toMatchObject({
      status: 409,
      code: 'task_claimed_by_other',
    });
    expect(await row(t.id)).toMatchObject({ status: 'claimed', claimedBy: 'Dana' });
    // An admin override that read it open records the claim it took over, not an open task.
    jest.spyOn(tasks, 'get').mockResolvedValueOnce(seenOpen);
    const over = await tasks.resolve(t.id, { outcome: 'done', by: 'Zoe', keyName: 'admin', override: true });
    expect(over).toMatchObject({ claimedBy: 'Dana', resolvedBy: 'Zoe', claimOverridden: true });
  });

  it('never lets a claim and another person’s resolve both win, even at the same moment', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => tasks.open(task).then((t) => t.id)));
    await Promise.all(
      ids.map(async (id) => {
        const [claim, resolve] = await Promise.allSettled([
          tasks.claim(id, 'Dana', 'backoffice'),
          tasks.resolve(id, { outcome: 'done', by: 'Eve', keyName: 'ops' }),
        ]);
        expect([claim.status, resolve.status].filter((s) => s === 'fulfilled')).toHaveLength(1);
        const final = await row(id);
        if (claim.status === 'fulfilled')
          expect(final).toMatchObject({ status: 'claimed', claimedBy: 'Dana' });
        else expect(final).toMatchObject({ status: 'resolved', resolvedBy: 'Eve', claimedBy: null });
      }),
    );
  });

  it('lets one of two resolves at once win: the claimant or the admin override, never both', async () => {
    const t = await tasks.open(task);
    await tasks.claim(t.id, 'Dana', 'backoffice');
    const results = await Promise.allSettled([
      tasks.resolve(t.id, { outcome: 'done', by: 'Dana', keyName: 'backoffice' }),
      tasks.resolve(t.id, { outcome: 'cancelled', by: 'Zoe', keyName: 'admin', override: true }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const final = await row(t.id);
    expect(final.status).toBe('resolved');
    expect(final.claimOverridden).toBe(final.resolvedBy === 'Zoe');
  });

  it('closes a row claimed before keys were recorded only by an admin override, whatever name is given', async () => {
    const t = await tasks.open(task);
    // As the migration leaves such a row: a name and no key.
    await db
      .getRepository<TaskRow>(TASK_ENTITY)
      .update(t.id, { status: 'claimed', claimedBy: 'Sam', claimedKey: null });
    for (const by of ['Sam', 'Kim'])
      await expect(tasks.resolve(t.id, { outcome: 'done', by, keyName: 'backoffice' })).rejects.toMatchObject(
        {
          code: 'task_claimed_by_other',
        },
      );
    expect(
      await tasks.resolve(t.id, { outcome: 'done', by: 'Zoe', keyName: 'admin', override: true }),
    ).toMatchObject({ status: 'resolved', claimOverridden: true });
  });

  it('holds a claim by its API key: the same name through another key is someone else', async () => {
    const t = await tasks.open(task);
    await tasks.claim(t.id, 'Dana', 'backoffice');
    await expect(
      tasks.resolve(t.id, { outcome: 'done', by: 'Dana', keyName: 'helpdesk' }),
    ).rejects.toMatchObject({
      code: 'task_claimed_by_other',
    });
    expect(await row(t.id)).toMatchObject({ status: 'claimed', claimedBy: 'Dana', claimedKey: 'backoffice' });
  });

  it('lets the hub close an outage task whoever claimed it', async () => {
    const t = await tasks.open({ ...task, kind: 'interface_down', dedupeKey: 'outage:claims' });
    await tasks.claim(t.id, 'Dana', 'backoffice');
    expect(await tasks.closeByDedupeKey('outage:claims', 'recovered', 'back')).toMatchObject({
      status: 'resolved',
      resolvedBy: 'context-hub',
      claimOverridden: false,
    });
  });
});
