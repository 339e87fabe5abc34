import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { type Connector, ConnectorError } from '../connectors/contract';
import { HubMetrics } from '../monitoring/hub-metrics';
import { InterfaceMonitor } from '../monitoring/interface-monitor';
import { isSick } from '../resilience/connector-policy';
import { ResilienceRegistry } from '../resilience/resilience.registry';
import { type NewTask, TasksService } from '../tasks/tasks.service';
import { type ActionError, type ActionRow, FINAL_ACTION_STATUSES } from './action.entity';
import { toActionRequest } from './action-request';
import { failedActionTask, unknownOutcomeTask } from './action-tasks';
import { ActionStore } from './action.store';
import { RemedyNotice } from './remedy-notice';
import { LockUnavailable, OrderLock } from './order-lock';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.tokens';
import { inTransaction } from '../database/transaction';

/** Thrown to make Bull try again later; carries the vendor's requested wait for the backoff. */
export class RetryLater extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RetryLater';
  }
}

export type RunOutcome = 'succeeded' | 'retrying' | 'manual' | 'skipped';

/**
 * Runs one action job. The database row decides what is safe: a job runs only after it moved
 * the action to `running` (compare-and-set), so two workers never send the same write; a job
 * that finds its action already `running` knows a worker died mid-call, and sends it again only
 * when the vendor deduplicates it (WriteSafety), otherwise hands it to a person.
 */
@Injectable()
export class ActionRunner {
  private readonly logger = new Logger('Actions');
  private readonly lock: OrderLock;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(ActionStore) private readonly store: ActionStore,
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(ResilienceRegistry) private readonly resilience: ResilienceRegistry,
    @Inject(TasksService) private readonly tasks: TasksService,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
    @Inject(REDIS) redis: Redis,
    // Optional: without a monitor nothing is recorded (as in SourceCaller).
    @Optional() @Inject(InterfaceMonitor) private readonly monitor?: InterfaceMonitor,
    @Optional() @Inject(RemedyNotice) private readonly notice?: RemedyNotice,
  ) {
    this.lock = new OrderLock(redis, config.actions.callTimeoutMs + 5_000);
  }

  async run(actionId: string): Promise<RunOutcome> {
    const row = await this.store.get(actionId);
    if (!row || FINAL_ACTION_STATUSES.has(row.status) || row.status === 'manual') return 'skipped';
    let outcome: RunOutcome | undefined;
    try {
      outcome = await this.lock.with(row.connector, row.orderNumber, this.config.actions.callTimeoutMs, () =>
        this.runLocked(actionId),
      );
    } catch (error) {
      if (error instanceof LockUnavailable) throw new RetryLater(error.message, 1_000);
      throw error;
    }
    // Another write on this order held it all along: try again shortly (no attempt was spent).
    if (outcome === undefined)
      throw new RetryLater(`order #${row.orderNumber} is busy with another write`, 500);
    return outcome;
  }

  private async runLocked(actionId: string): Promise<RunOutcome> {
    const row = await this.store.get(actionId);
    if (!row || FINAL_ACTION_STATUSES.has(row.status) || row.status === 'manual') return 'skipped';
    const connector = this.connectors.get(row.connector);
    if (!connector?.performAction) {
      await this.store.transition(row.id, [row.status], {
        status: 'failed',
        lastError: this.error('connector_missing', `connector ${row.connector} is no longer configured`),
        finishedAt: new Date(),
      });
      this.metrics.actions.inc({ connector: row.connector, type: row.type, status: 'failed' });
      return 'skipped';
    }
    const safety = connector.actions?.[row.type] ?? 'unsafe';
    const claim = {
      status: 'running' as const,
      attempts: row.attempts + 1,
      startedAt: row.startedAt ?? new Date(),
    };
    let claimed = await this.store.transition(row.id, ['queued', 'retrying'], claim, undefined, row.attempts);
    if (!claimed && row.status === 'running') {
      // The worker that set `running` stopped before it recorded what the vendor said.
      if (safety === 'unsafe') {
        await this.handOver(row, unknownOutcomeTask(row, connector), {
          code: 'unknown_outcome',
          message: 'the worker stopped mid-call; the vendor cannot deduplicate this write',
        });
        return 'manual';
      }
      claimed = await this.store.transition(row.id, ['running'], claim, undefined, row.attempts);
    }
    if (!claimed) return 'skipped';
    const attempt = { ...row, ...claim };
    return this.attempt(attempt, connector, safety);
  }

  private async attempt(
    row: ActionRow,
    connector: Connector,
    safety: NonNullable<Connector['actions']>[keyof NonNullable<Connector['actions']>],
  ): Promise<RunOutcome> {
    const started = performance.now();
    try {
      const result = await this.resilience
        .for(connector.id)
        .executeWrite(
          (signal) => connector.performAction!(toActionRequest(row), { signal }),
          this.config.actions.callTimeoutMs,
        );
      this.observe(connector, row, started);
      const done = { status: 'succeeded' as const, result, lastError: null, finishedAt: new Date() };
      // Recorded, counted and announced only when this run got there (not a person meanwhile).
      if (!(await this.store.transition(row.id, ['running'], done))) return 'skipped';
      this.notice?.granted({ ...row, ...done });
      this.metrics.actions.inc({ connector: connector.id, type: row.type, status: 'succeeded' });
      this.logger.log(`action ${row.id} (${row.type} #${row.orderNumber}) succeeded: ${result.summary}`);
      return 'succeeded';
    } catch (caught) {
      const error =
        caught instanceof ConnectorError
          ? caught
          : new ConnectorError('unknown', (caught as Error)?.message ?? 'write failed', { cause: caught });
      const lastError = this.error(error.code, error.message);
      this.observe(connector, row, started, error);
      if ((error.code === 'timeout' || error.maybeWritten) && safety === 'unsafe') {
        await this.handOver(
          row,
          unknownOutcomeTask(row, connector, `${error.code}: ${error.message}`),
          lastError,
        );
        return 'manual';
      }
      if (error.code === 'budget_exhausted') {
        // The hub held the call back to keep the vendor's rate limit (src/budgets): the vendor was
        // not asked, so no attempt is spent; the job comes back when the budget has room.
        await this.store.transition(row.id, ['running'], {
          status: 'retrying',
          attempts: row.attempts - 1,
          lastError,
        });
        throw new RetryLater(`${error.code}: ${error.message}`, error.retryAfterMs);
      }
      // An open circuit is the interface being down: worth waiting for, like any transient failure.
      const retryable = error.retryable || error.code === 'circuit_open';
      if (retryable && row.attempts < row.maxAttempts) {
        await this.store.transition(row.id, ['running'], { status: 'retrying', lastError });
        this.metrics.actions.inc({ connector: connector.id, type: row.type, status: 'retrying' });
        this.logger.warn(
          `action ${row.id} attempt ${row.attempts}/${row.maxAttempts} failed (${error.code}); retrying`,
        );
        throw new RetryLater(`${error.code}: ${error.message}`, error.retryAfterMs);
      }
      await this.handOver(row, failedActionTask(row, connector, lastError, retryable), lastError);
      return 'manual';
    }
  }

  /**
   * The write as the interface's health sees it (/v1/interfaces, metrics, alerts): an outage that
   * only actions meet shows there too. A vendor that refused the write (a refund too large)
   * answered: the interface is up.
   */
  private observe(connector: Connector, row: ActionRow, started: number, error?: ConnectorError): void {
    const latencyMs = Math.round(performance.now() - started);
    const operation = `action.${row.type}`;
    if (error && (isSick(error.code) || error.code === 'circuit_open' || error.code === 'budget_exhausted')) {
      this.monitor?.record(connector, operation, {
        kind: 'failed',
        error: { code: error.code, message: error.message },
        latencyMs,
      });
    } else {
      this.monitor?.record(connector, operation, {
        kind: 'ok',
        value: null,
        latencyMs,
        fetchedAt: new Date().toISOString(),
      });
    }
  }

  /** Opens the task and marks the action `manual` in one transaction. */
  private async handOver(row: ActionRow, task: NewTask, lastError: ActionError | Omit<ActionError, 'at'>) {
    await inTransaction(this.store.db, async (manager) => {
      const opened = await this.tasks.open(task, manager);
      const moved = await this.store.transition(
        row.id,
        ['running'],
        { status: 'manual', taskId: opened.id, lastError: { at: new Date().toISOString(), ...lastError } },
        manager,
      );
      if (!moved) throw new Error(`action ${row.id} changed while being handed to a person`);
    });
    this.metrics.actions.inc({ connector: row.connector, type: row.type, status: 'manual' });
    this.logger.warn(`action ${row.id} (${row.type} #${row.orderNumber}) handed to a person: ${task.title}`);
  }

  private error(code: string, message: string): ActionError {
    return { code, message, at: new Date().toISOString() };
  }
}
