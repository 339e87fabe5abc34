import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type FindOptionsWhere, In, IsNull } from 'typeorm';
import { HubException } from '../common/problem';
import { type SystemKind } from '../connectors/contract';
import { isUniqueViolation } from '../database/unique-violation';
import { HubMetrics } from '../monitoring/hub-metrics';
import { TASK_ENTITY, type TaskKind, type TaskRow } from './task.entity';
import { OUTCOMES_BY_KIND, type ResolveBody, type TaskQuery, type TaskView } from './task.schemas';
import { inTransaction } from '../database/transaction';

export interface NewTask {
  kind: TaskKind;
  connector: string;
  system: SystemKind;
  title: string;
  whatFailed: string;
  instructions: string;
  url?: string;
  actionId?: string;
  orderNumber?: string;
  /** At most one open task per dedupe key (one per outage). */
  dedupeKey?: string;
}

/**
 * What happens to the work a task stands for when a person resolves it (an action is closed or
 * released). Runs inside the resolving transaction; registered by the owner of that work.
 */
export type ResolutionHandler = (
  task: TaskRow,
  resolution: TaskResolution,
  manager: EntityManager,
) => Promise<void | (() => Promise<void>)>;

export interface TaskResolution {
  /** The person (or the API key's name). */
  by: string;
  /** The API key that resolved it ("context-hub" when the hub closes it itself). */
  keyName: string;
  at: Date;
  outcome: string;
  note?: string;
  /** Set when an admin key resolved the task over someone else's claim: whose claim it was. */
  overrode?: { claimedBy: string | null; claimedKey: string | null };
}

/**
 * Who may close a task. `hub`: the hub itself (an outage is over), whoever holds it. `person`:
 * an open task anyone with the scope; a claimed one only whoever claimed it (the same person
 * through the same API key), or an admin key that asks to `override` the claim.
 */
type Closer = { kind: 'hub' } | { kind: 'person'; override: boolean };

/** Manual-backup tasks: opened by the hub, listed, claimed and resolved by people (docs/api.md). */
@Injectable()
export class TasksService {
  private readonly logger = new Logger('Tasks');
  private readonly handlers = new Map<TaskKind, ResolutionHandler>();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
  ) {}

  onResolve(kinds: readonly TaskKind[], handler: ResolutionHandler): void {
    for (const kind of kinds) this.handlers.set(kind, handler);
  }

  /** Opens a task; with a dedupe key already held by an open task, returns that one instead. */
  async open(input: NewTask, manager: EntityManager = this.db.manager): Promise<TaskRow> {
    const now = new Date();
    const row: TaskRow = {
      id: randomUUID(),
      kind: input.kind,
      status: 'open',
      connector: input.connector,
      system: input.system,
      title: input.title.slice(0, 300),
      whatFailed: input.whatFailed,
      instructions: input.instructions,
      url: input.url ?? null,
      actionId: input.actionId ?? null,
      orderNumber: input.orderNumber ?? null,
      dedupeKey: input.dedupeKey ?? null,
      claimedBy: null,
      claimedKey: null,
      claimedAt: null,
      resolvedBy: null,
      resolvedAt: null,
      claimOverridden: false,
      outcome: null,
      note: null,
      createdAt: now,
      updatedAt: now,
    };
    try {
      await manager.getRepository<TaskRow>(TASK_ENTITY).insert(row);
    } catch (error) {
      if (!input.dedupeKey || !isUniqueViolation(error)) throw error;
      const existing = await manager
        .getRepository<TaskRow>(TASK_ENTITY)
        .findOneBy({ dedupeKey: input.dedupeKey });
      if (existing) return existing;
      throw error;
    }
    this.logger.warn(`task ${row.id} opened (${row.kind}, ${row.connector}): ${row.title}`);
    return row;
  }

  async get(id: string): Promise<TaskRow> {
    const row = await this.repo().findOneBy({ id });
    if (!row) throw new HubException(404, 'task_not_found', 'Not found', `No task ${id}.`);
    return row;
  }

  async list(query: TaskQuery): Promise<{ rows: TaskRow[]; total: number }> {
    const where = {
      status: query.status === 'active' ? In(['open', 'claimed']) : query.status,
      ...(query.connector ? { connector: query.connector } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
      ...(query.orderNumber ? { orderNumber: query.orderNumber } : {}),
    };
    const [rows, total] = await this.repo().findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    return { rows, total };
  }

  /** Open or claimed tasks per connector (for /v1/interfaces and metrics). */
  async activeCounts(): Promise<Record<string, number>> {
    const summary = await this.activeSummary();
    return Object.fromEntries(Object.entries(summary).map(([connector, s]) => [connector, s.count]));
  }

  /** Per connector with open or claimed tasks: how many, and when the oldest was created (one query). */
  async activeSummary(): Promise<Record<string, { count: number; oldest: Date }>> {
    const rows = await this.repo()
      .createQueryBuilder('t')
      .select('t.connector', 'connector')
      .addSelect('COUNT(*)', 'n')
      .addSelect('MIN(t.createdAt)', 'oldest')
      .where('t.status IN (:...s)', { s: ['open', 'claimed'] })
      .groupBy('t.connector')
      .getRawMany<{ connector: string; n: string | number; oldest: Date | string | number }>();
    return Object.fromEntries(
      rows.map((r) => [r.connector, { count: Number(r.n), oldest: instantOf(r.oldest) }]),
    );
  }

  /**
   * Takes an open task for `by` (a person, or the API key name) through the API key `keyName`.
   * Claiming again as the same holder is a no-op; anyone else gets 409.
   */
  async claim(id: string, by: string, keyName: string): Promise<TaskRow> {
    const now = new Date();
    const result = await this.repo().update(
      { id, status: 'open' },
      { status: 'claimed', claimedBy: by, claimedKey: keyName, claimedAt: now, updatedAt: now },
    );
    const row = await this.get(id);
    if (!result.affected && !(row.status === 'claimed' && holds(row, by, keyName))) {
      throw new HubException(
        409,
        'task_not_open',
        'Conflict',
        row.status === 'resolved'
          ? `Task ${id} is already resolved (${row.outcome}).`
          : `Task ${id} is already claimed by ${holder(row)}.`,
        undefined,
        row.status === 'claimed' ? claimExtensions(row) : undefined,
      );
    }
    return row;
  }

  /**
   * Resolves a task and, in the same transaction, closes or releases the work it stands for.
   * A claimed task only for whoever claimed it (`by` through `keyName`), unless `override` (the
   * caller checks that the key may: admin); anyone else gets 409 task_claimed_by_other.
   */
  async resolve(id: string, body: ResolveBody & { by: string; keyName: string }): Promise<TaskRow> {
    const task = await this.get(id);
    const allowed = OUTCOMES_BY_KIND[task.kind];
    if (!allowed.includes(body.outcome)) {
      throw HubException.badRequest(`A ${task.kind} task resolves as ${allowed.join(' or ')}.`, [
        { path: 'outcome', message: `must be one of ${allowed.join(', ')}` },
      ]);
    }
    return this.close(
      task,
      { by: body.by, keyName: body.keyName, outcome: body.outcome, note: body.note },
      { kind: 'person', override: body.override === true },
    );
  }

  /** The hub closes an outage task itself when the interface is back. */
  async closeByDedupeKey(dedupeKey: string, outcome: string, note: string): Promise<TaskRow | undefined> {
    const task = await this.repo().findOneBy({ dedupeKey });
    if (!task || task.status === 'resolved') return undefined;
    return this.close(
      task,
      { by: 'context-hub', keyName: 'context-hub', outcome, note },
      { kind: 'hub' },
    ).catch((e: unknown) => {
      if (e instanceof HubException && e.status === 409) return undefined; // closed by someone else meanwhile
      throw e;
    });
  }

  toView(row: TaskRow): TaskView {
    return {
      id: row.id,
      kind: row.kind,
      status: row.status,
      connector: row.connector,
      system: row.system,
      title: row.title,
      whatFailed: row.whatFailed,
      instructions: row.instructions,
      ...(row.url ? { url: row.url } : {}),
      ...(row.actionId ? { actionId: row.actionId } : {}),
      ...(row.orderNumber ? { orderNumber: row.orderNumber } : {}),
      allowedOutcomes: row.status === 'resolved' ? [] : [...OUTCOMES_BY_KIND[row.kind]],
      ...(row.claimedBy ? { claimedBy: row.claimedBy, claimedAt: iso(row.claimedAt) } : {}),
      ...(row.claimedKey ? { claimedKey: row.claimedKey } : {}),
      ...(row.resolvedBy ? { resolvedBy: row.resolvedBy, resolvedAt: iso(row.resolvedAt) } : {}),
      ...(row.claimOverridden ? { claimOverridden: true as const } : {}),
      ...(row.outcome ? { outcome: row.outcome } : {}),
      ...(row.note ? { note: row.note } : {}),
      createdAt: iso(row.createdAt)!,
      updatedAt: iso(row.updatedAt)!,
    };
  }

  private async close(
    task: TaskRow,
    resolution: Omit<TaskResolution, 'at' | 'overrode'>,
    closer: Closer,
  ): Promise<TaskRow> {
    const at = new Date();
    // Decided on the row as read before the transaction begins, and a refusal found inside it is
    // returned, not thrown: a refusal never rolls back (on SQLite a rollback would take other
    // requests' writes on the one connection with it, database/transaction.ts).
    this.closing(task, resolution, closer);
    const { afterCommit, overrode, refusal } = await inTransaction(this.db, async (manager) => {
      const repo = manager.getRepository<TaskRow>(TASK_ENTITY);
      // The UPDATE carries the state it was decided on (open, or claimed by exactly this holder),
      // so a claim or a resolve that lands in between makes it match nothing: then decide again
      // on what is there now. A task only moves open → claimed → resolved, so this ends.
      let current = task;
      for (let round = 0; round < 3; round++) {
        let decided: ReturnType<TasksService['closing']>;
        try {
          decided = this.closing(current, resolution, closer);
        } catch (refused) {
          if (refused instanceof HubException) return { refusal: refused };
          throw refused;
        }
        const result = await repo.update(decided.where, {
          status: 'resolved',
          resolvedBy: resolution.by,
          resolvedAt: at,
          outcome: resolution.outcome,
          note: resolution.note ?? null,
          dedupeKey: null,
          claimOverridden: decided.overrode !== undefined,
          updatedAt: at,
        });
        if (result.affected) {
          const res: TaskResolution = {
            ...resolution,
            at,
            ...(decided.overrode ? { overrode: decided.overrode } : {}),
          };
          return {
            afterCommit: await this.handlers.get(task.kind)?.(current, res, manager),
            overrode: decided.overrode,
          };
        }
        const now = await repo.findOneBy({ id: task.id });
        if (!now)
          return { refusal: new HubException(404, 'task_not_found', 'Not found', `No task ${task.id}.`) };
        current = now;
      }
      return {
        refusal: new HubException(
          409,
          'task_changed',
          'Conflict',
          `Task ${task.id} changed while it was being resolved; read it again and retry.`,
        ),
      };
    });
    if (refusal) throw refusal;
    if (afterCommit) await afterCommit();
    this.metrics.tasksResolved.inc({ kind: task.kind, outcome: resolution.outcome });
    if (overrode) {
      this.logger.warn(
        `task ${task.id} resolved by ${resolution.by} (API key ${resolution.keyName}) over the claim of ` +
          `${overrode.claimedBy} (API key ${overrode.claimedKey ?? 'unknown'}): ${resolution.outcome}`,
      );
    } else {
      this.logger.log(`task ${task.id} resolved by ${resolution.by}: ${resolution.outcome}`);
    }
    return this.get(task.id);
  }

  /** Whether `closer` may close `row` as it is now, and the UPDATE condition that holds it to that. */
  private closing(
    row: TaskRow,
    resolution: Omit<TaskResolution, 'at' | 'overrode'>,
    closer: Closer,
  ): { where: FindOptionsWhere<TaskRow>; overrode?: TaskResolution['overrode'] } {
    if (row.status === 'resolved') {
      throw new HubException(409, 'task_already_resolved', 'Conflict', `Task ${row.id} is already resolved.`);
    }
    if (closer.kind === 'hub') return { where: { id: row.id, status: In(['open', 'claimed']) } };
    if (row.status === 'open') return { where: { id: row.id, status: 'open' } };
    // Claimed: the condition names the holder, so it fails if the claim is not the one read.
    const where: FindOptionsWhere<TaskRow> = {
      id: row.id,
      status: 'claimed',
      claimedBy: row.claimedBy ?? IsNull(),
      claimedKey: row.claimedKey ?? IsNull(),
    };
    if (holds(row, resolution.by, resolution.keyName)) return { where };
    if (closer.override) return { where, overrode: { claimedBy: row.claimedBy, claimedKey: row.claimedKey } };
    throw new HubException(
      409,
      'task_claimed_by_other',
      'Conflict',
      `Task ${row.id} is claimed by ${holder(row)}; only they can resolve it ` +
        `(you are ${resolution.by} through API key ${resolution.keyName}). ` +
        'An admin key may resolve it anyway with "override": true.',
      undefined,
      claimExtensions(row),
    );
  }

  private repo() {
    return this.db.getRepository<TaskRow>(TASK_ENTITY);
  }
}

/**
 * Whether `by` through `keyName` is who claimed the row. The API key is what the hub knows; `by`
 * is what the caller says, so on a key several people share it prevents mistakes, not abuse.
 * A row claimed before keys were recorded has no key to match: only an admin override closes it.
 */
function holds(row: TaskRow, by: string, keyName: string | undefined): boolean {
  return row.claimedKey !== null && row.claimedKey === keyName && row.claimedBy === by;
}

function holder(row: TaskRow): string {
  return row.claimedKey ? `${row.claimedBy} (API key ${row.claimedKey})` : `${row.claimedBy}`;
}

function claimExtensions(row: TaskRow): Record<string, unknown> {
  return {
    claimedBy: row.claimedBy,
    ...(row.claimedKey ? { claimedKey: row.claimedKey } : {}),
    ...(row.claimedAt ? { claimedAt: iso(row.claimedAt) } : {}),
  };
}

function iso(d: Date | null): string | undefined {
  return d ? new Date(d).toISOString() : undefined;
}

/**
 * A raw MIN() of a timestamp column: PostgreSQL's driver gives a Date; SQLite gives the stored
 * text, `YYYY-MM-DD HH:MM:SS.SSS` in UTC without a zone (src/database/column-types.ts).
 */
function instantOf(raw: Date | string | number): Date {
  if (raw instanceof Date) return raw;
  if (typeof raw === 'number') return new Date(raw);
  return new Date(/[Zz]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw.replace(' ', 'T')}Z`);
}
