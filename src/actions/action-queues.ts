import { type BullRootModuleOptions } from '@nestjs/bull';
import { type Job, type JobOptions, type Queue } from 'bull';
import Redis, { type RedisOptions } from 'ioredis';
import { type HubConfig } from '../config/config.schema';

/** One Bull queue per connector: a vendor that is down holds back only its own actions. */
export const actionQueueName = (connectorId: string): string => `actions.${connectorId}`;

export interface ActionJobData {
  actionId: string;
}

/**
 * Exponential backoff with equal jitter (half fixed, half random), never shorter than what the
 * vendor asked for (Retry-After) and never longer than maxBackoffMs.
 */
export function actionBackoff(
  settings: Pick<HubConfig['actions'], 'backoffMs' | 'maxBackoffMs'>,
  random: () => number = Math.random,
) {
  return (attemptsMade: number, error?: Error): number => {
    const ceiling = Math.min(settings.maxBackoffMs, settings.backoffMs * 2 ** Math.max(0, attemptsMade - 1));
    const delay = Math.round(ceiling / 2 + (random() * ceiling) / 2);
    const asked = (error as { retryAfterMs?: number } | undefined)?.retryAfterMs ?? 0;
    return Math.min(settings.maxBackoffMs, Math.max(delay, asked));
  };
}

export function actionJobOptions(actionId: string, attempts: number): JobOptions {
  return {
    jobId: actionId,
    attempts,
    backoff: { type: 'jittered' },
    // Kept a while for /admin/queues; the database holds the record of every action.
    removeOnComplete: { age: 24 * 3_600, count: 1_000 },
    removeOnFail: { age: 7 * 24 * 3_600, count: 5_000 },
  };
}

/**
 * Bull for every queue of this process: keys under `<redis.keyPrefix>:bull`, one shared command
 * connection and one shared subscriber for all queues (a blocking connection per processing
 * queue is Bull's own), stalled-job detection after `actions.stalledAfterMs`.
 */
export function bullRootOptions(config: HubConfig, connections: BullConnections): BullRootModuleOptions {
  const shared: Partial<Record<'client' | 'subscriber', Redis>> = {};
  const base: RedisOptions = { maxRetriesPerRequest: null, enableReadyCheck: false };
  return {
    prefix: `${config.redis.keyPrefix}:bull`,
    createClient: (type, options) => {
      const merged = { ...options, ...base };
      if (type === 'bclient') return connections.track(new Redis(config.redis.url, merged));
      if (!shared[type]) {
        const client = new Redis(config.redis.url, merged);
        // Every queue on a shared connection listens to it until Redis is ready (one queue per
        // connector, plus webhooks): more than Node's default of 10, and not a leak.
        client.setMaxListeners(0);
        shared[type] = connections.track(client);
      }
      return shared[type];
    },
    settings: {
      lockDuration: config.actions.stalledAfterMs,
      stalledInterval: config.actions.stalledAfterMs,
      // A job whose worker died is taken up again; the action's own record decides what is safe.
      maxStalledCount: 10,
      backoffStrategies: { jittered: actionBackoff(config.actions) },
    },
  };
}

/**
 * Every Redis connection Bull opened for this process. Bull closes its own connections queue by
 * queue, which leaves shared ones half-closed; the app ends them all at shutdown.
 */
export class BullConnections {
  private readonly clients = new Set<Redis>();

  track(client: Redis): Redis {
    this.clients.add(client);
    return client;
  }

  disconnectAll(): void {
    for (const client of this.clients) client.disconnect();
    this.clients.clear();
  }
}

/** Adds the job unless Redis keeps it waiting; the action is already stored, so a late job is only late. */
export async function enqueue(
  queue: Queue<ActionJobData>,
  actionId: string,
  attempts: number,
  waitMs = 1_000,
) {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      queue.add({ actionId }, actionJobOptions(actionId, attempts)),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), waitMs);
      }),
    ]);
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
  }
}

export type ActionJob = Job<ActionJobData>;
