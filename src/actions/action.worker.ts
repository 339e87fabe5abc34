import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { startProcessing } from '../queues/start-processing';
import { ActionQueueRegistry } from './action-queue.registry';
import { ActionRunner } from './action.runner';
import { ActionStore } from './action.store';

/**
 * The worker side (HUB_ROLE worker or all): processes every connector's action queue, and
 * re-queues actions the database holds but the queue lost (Redis flushed, a crash between the
 * insert and the enqueue, a job Bull gave up on). The database is the record; the queue only
 * schedules.
 */
@Injectable()
export class ActionWorker implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ActionWorker');
  private timer?: NodeJS.Timeout;
  private reconciling = false;
  private stopping = false;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(ActionQueueRegistry) private readonly queues: ActionQueueRegistry,
    @Inject(ActionRunner) private readonly runner: ActionRunner,
    @Inject(ActionStore) private readonly store: ActionStore,
  ) {}

  onApplicationBootstrap(): void {
    for (const [connectorId, queue] of this.queues.entries()) {
      void startProcessing(queue, this.config.actions.concurrency, (job) =>
        this.runner.run(job.data.actionId),
      ).catch((e: unknown) => {
        // Bull settles this promise when the queue closes; only a failure while running matters.
        if (!this.stopping) this.logger.error(`queue ${connectorId} stopped: ${(e as Error)?.message ?? e}`);
      });
    }
    const every = this.config.actions.reconcileIntervalMs;
    if (every > 0) {
      this.timer = setInterval(() => void this.reconcile(), every);
      this.timer.unref();
      setTimeout(() => void this.reconcile(), 1_000).unref();
    }
  }

  onModuleDestroy(): void {
    this.stopping = true;
    clearInterval(this.timer);
  }

  /** Makes sure every unfinished action has a live job. Returns how many it re-queued. */
  async reconcile(): Promise<number> {
    if (this.reconciling) return 0;
    this.reconciling = true;
    let requeued = 0;
    try {
      // Younger actions may still be between their insert and their enqueue, or mid-run.
      const quiet = Math.max(10_000, 2 * this.config.actions.stalledAfterMs);
      for (const action of await this.store.pending(new Date(Date.now() - quiet))) {
        const queue = this.queues.get(action.connector);
        const job = await queue.getJob(action.id);
        const state = job ? await job.getState() : undefined;
        if (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'paused') continue;
        if (state === 'failed') await job!.retry();
        else {
          if (job) await job.remove();
          await this.queues.enqueue(action.connector, action.id, action.maxAttempts);
        }
        requeued++;
      }
      if (requeued) this.logger.warn(`re-queued ${requeued} action(s) whose job was missing`);
    } catch (error) {
      this.logger.warn(`reconcile skipped: ${(error as Error).message}`);
    } finally {
      this.reconciling = false;
    }
    return requeued;
  }
}
