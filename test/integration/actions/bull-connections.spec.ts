import { once } from 'node:events';
import Bull from 'bull';
import type Redis from 'ioredis';
import { bullRootOptions, BullConnections } from '../../../src/actions/action-queues';
import { HubConfigSchema } from '../../../src/config/config.schema';
import { startProcessing } from '../../../src/queues/start-processing';
import { deleteByPrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/redis-prefix';

type ClientType = 'client' | 'subscriber' | 'bclient';

/**
 * A queue on the hub's Bull connections (src/actions/action-queues.ts), on the machine's Redis,
 * that stops the moment Bull opens a connection of type `stopAt`: every connection is closed in
 * the same turn, before it is up, as when the hub stops right after it started.
 */
function queueStoppedAt(prefix: string, stopAt: ClientType) {
  const config = HubConfigSchema.parse({ connectors: {}, redis: { url: TEST_REDIS_URL, keyPrefix: prefix } });
  const connections = new BullConnections();
  const options = bullRootOptions(config, connections);
  let stopped!: (client: Redis) => void;
  const stoppedAt = new Promise<Redis>((resolve) => (stopped = resolve));
  const queue = new Bull(`stopped-at-${stopAt}`, {
    prefix: options.prefix,
    settings: options.settings,
    createClient: (type, redisOptions) => {
      const client = options.createClient!(type, redisOptions) as Redis;
      if (type === stopAt) {
        queueMicrotask(() => connections.disconnectAll());
        stopped(client);
      }
      return client;
    },
  });
  return { queue, stoppedAt };
}

/** What was rejected with no handler while `run` ran, and for a couple of turns after it. */
async function unhandledDuring(run: () => Promise<void>): Promise<unknown[]> {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on('unhandledRejection', onUnhandled);
  try {
    await run();
    // An unhandled rejection is reported once the turn that made it is over.
    await new Promise(setImmediate);
    await new Promise(setImmediate);
  } finally {
    process.off('unhandledRejection', onUnhandled);
  }
  return unhandled;
}

describe('a Bull queue stopped before its connections are up', () => {
  const prefix = uniquePrefix('bull');
  afterAll(() => deleteByPrefix(prefix));

  it.each([
    // Bull opens the blocking connection once the command connection is ready, and names it then.
    ['its blocking connection closes before it is up', 'bclient'],
    ['its command connection closes before it is ready', 'client'],
  ] as const)('leaves no unhandled rejection when %s', async (_, stopAt) => {
    const unhandled = await unhandledDuring(async () => {
      const { queue, stoppedAt } = queueStoppedAt(prefix, stopAt);
      if (stopAt === 'bclient') await queue.isReady();
      const processing = startProcessing(queue, 1, async () => undefined).catch(() => undefined);
      const stopped = await stoppedAt;
      if (stopped.status !== 'end') await once(stopped, 'end');
      await queue.close();
      await processing;
    });
    expect(unhandled).toEqual([]);
  });
});
