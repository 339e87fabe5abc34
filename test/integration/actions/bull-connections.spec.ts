import { once } from 'node:events';
import Bull from 'bull';
import type Redis from 'ioredis';
import { bullRootOptions, BullConnections } from '../../../src/actions/action-queues';
import { HubConfigSchema } from '../../../src/config/config.schema';
import { deleteByPrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/redis-prefix';

/** The Bull connections the hub opens (src/actions/action-queues.ts), on the machine's Redis. */
describe('Bull connections', () => {
  const prefix = uniquePrefix('bull');
  afterAll(() => deleteByPrefix(prefix));

  it('a queue stopped before its blocking connection is up leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const config = HubConfigSchema.parse({
        connectors: {},
        redis: { url: TEST_REDIS_URL, keyPrefix: prefix },
      });
      const connections = new BullConnections();
      const options = bullRootOptions(config, connections);
      let blocking: Redis | undefined;
      const queue = new Bull('stopped-early', {
        prefix: options.prefix,
        settings: options.settings,
        createClient: (type, redisOptions) => {
          const client = options.createClient!(type, redisOptions) as Redis;
          if (type === 'bclient') {
            blocking = client;
            // The hub stops now: Bull names this connection in the same turn, before it is up.
            queueMicrotask(() => connections.disconnectAll());
          }
          return client;
        },
      });
      await queue.isReady();
      const processing = queue.process(async () => undefined).catch(() => undefined);

      const ended = await new Promise<Redis>((resolve) => {
        const waitForIt = () => (blocking ? resolve(blocking) : setImmediate(waitForIt));
        waitForIt();
      });
      if (ended.status !== 'end') await once(ended, 'end');
      await queue.close();
      await processing;
      // An unhandled rejection is reported once the turn that made it is over.
      await new Promise(setImmediate);
      await new Promise(setImmediate);
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
