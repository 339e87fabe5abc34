import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, In, LessThan } from 'typeorm';
import { isUniqueViolation } from '../database/unique-violation';
import { ACTION_ENTITY, type ActionRow, type ActionStatus } from './action.entity';

/** The `hub_actions` table. Every state change is a compare-and-set on the current status. */
@Injectable()
export class ActionStore {
  constructor(@InjectDataSource() readonly db: DataSource) {}

  repo(manager: EntityManager = this.db.manager) {
    return manager.getRepository<ActionRow>(ACTION_ENTITY);
  }

  /** Inserts the action, or returns the one already stored under the same key (created: false). */
  async insertOrExisting(
    row: ActionRow,
    manager?: EntityManager,
  ): Promise<{ row: ActionRow; created: boolean }> {
    try {
      await this.repo(manager).insert(row);
      return { row, created: true };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const existing = await this.findByKey(row.apiKeyName, row.idempotencyKey);
      if (!existing) throw error;
      return { row: existing, created: false };
    }
  }

  findByKey(apiKeyName: string, idempotencyKey: string): Promise<ActionRow | null> {
    return this.repo().findOneBy({ apiKeyName, idempotencyKey });
  }

  get(id: string): Promise<ActionRow | null> {
    return this.repo().findOneBy({ id });
  }

  /**
   * Moves the action from one of `from` to `patch.status`; false when it was not in one of them
   * (another worker or a person got there first).
   */
  async transition(
    id: string,
    from: readonly ActionStatus[],
    patch: Partial<ActionRow>,
    manager?: EntityManager,
    expectedAttempts?: number,
  ): Promise<boolean> {
    const result = await this.repo(manager).update(
      {
        id,
        status: In([...from]),
        ...(expectedAttempts !== undefined ? { attempts: expectedAttempts } : {}),
      },
      { ...patch, updatedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Actions not yet final whose last change is older than `before` (the reconciler checks their jobs). */
  pending(before: Date, limit = 500): Promise<ActionRow[]> {
    return this.repo().find({
      where: { status: In(['queued', 'retrying', 'running']), updatedAt: LessThan(before) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
  }

  /** The newest actions first, all of them or one API key's. */
  async recent(
    page: { limit: number; offset: number },
    apiKeyName?: string,
  ): Promise<{ rows: ActionRow[]; total: number }> {
    const [rows, total] = await this.repo().findAndCount({
      where: apiKeyName ? { apiKeyName } : {},
      order: { createdAt: 'DESC', id: 'ASC' },
      take: page.limit,
      skip: page.offset,
    });
    return { rows, total };
  }

  /**
   * Orders' actions of the given types, the newest first (the remedies their contexts list): room
   * for `perOrder` of each order asked, so one busy order cannot hide another's.
   */
  forOrders(
    orderNumbers: readonly string[],
    types: readonly ActionRow['type'][],
    perOrder = 50,
  ): Promise<ActionRow[]> {
    if (orderNumbers.length === 0) return Promise.resolve([]);
    return this.repo().find({
      where: { orderNumber: In([...orderNumbers]), type: In([...types]) },
      order: { createdAt: 'DESC', id: 'ASC' },
      take: perOrder * orderNumbers.length,
    });
  }
}
