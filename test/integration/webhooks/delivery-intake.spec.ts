import { getQueueToken } from '@nestjs/bull';
import { Logger } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import Bull, { type Queue } from 'bull';
import Redis from 'ioredis';
import { type HubConfig } from '../../../src/config/config.schema';
import { ConnectorRegistry } from '../../../src/connectors/connector.registry';
import { type Connector } from '../../../src/connectors/contract';
import { HUB_CONFIG } from '../../../src/config/config.tokens';
import { REDIS } from '../../../src/redis/redis.tokens';
import { DeliveryLog } from '../../../src/webhooks/delivery-log';
import {
  type WebhookJobData,
  WebhookQueue,
  webhookJobId,
  webhookJobOptions,
} from '../../../src/webhooks/webhook-queue';
import { WebhooksService } from '../../../src/webhooks/webhooks.service';
import { TEST_REDIS_URL, deleteByPrefix, uniquePrefix } from '../../support/redis-prefix';
import { RECEIVED_AT, request } from '../../unit/webhooks/webhook-request';
import { HubMetrics } from '../../../src/monitoring/hub-metrics';

/**
 * Webhook intake on a real Redis and Bull queue: a delivery is never lost to its own dedupe
 * record, and a repeat never becomes a second job.
 */
describe('webhook intake (Redis, Bull)', () => {
  const prefix = uniquePrefix('webhook-intake');
  let redis: Redis;
  let queue: Queue<WebhookJobData>;
  let service: WebhooksService;
  let n = 0;
  /** A fresh delivery id per test, so the tests share nothing. */
  let deliveryId: string;

  /** The shop's connector: every delivery verifies, as this test's delivery id. */
  const registry: Pick<ConnectorRegistry, 'get'> = {
    get: () =>
      ({
        id: 'shopify',
        webhooks: {
          verify: () => ({ deliveryId, kind: 'orders/updated', subjects: [{ orderNumber: '1001' }] }),
        },
      }) as Pick<Connector, 'id' | 'webhooks'> as Connector,
  };
  const config: Pick<HubConfig, 'webhooks'> = {
    webhooks: { dedupeSeconds: 60 } as HubConfig['webhooks'],
  };
  /** An API process's webhook intake as the container wires it: its own Redis connection and queue. */
  const intake = async (
    processRedis: Redis,
    processQueue: { add: (...args: never[]) => Promise<unknown> },
  ) => {
    const moduleRef = await Test.createTestingModule({
      providers: [
        WebhooksService,
        DeliveryLog,
        { provide: HubMetrics, useValue: new HubMetrics() },
        { provide: ConnectorRegistry, useValue: registry },
        { provide: HUB_CONFIG, useValue: config },
        { provide: REDIS, useValue: processRedis },
        { provide: getQueueToken(WebhookQueue.Name), useValue: processQueue },
      ],
    }).compile();
    return moduleRef.get(WebhooksService);
  };

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = new Redis(TEST_REDIS_URL, { keyPrefix: `${prefix}:` });
    queue = new Bull(WebhookQueue.Name, TEST_REDIS_URL, { prefix: `${prefix}:bull` });
    service = await intake(redis, queue);
  });
  beforeEach(() => {
    deliveryId = `d-${++n}`;
  });
  afterAll(async () => {
    await queue.close();
    redis.disconnect();
    await deleteByPrefix(prefix);
  });

  const jobsOf = async (id: string) =>
    (await queue.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
      (job) => job.data.deliveryId === id,
    );

  it('takes the retry of a delivery whose process stopped after queueing it, and keeps one job', async () => {
    // What a process did before it stopped: the job is queued, the delivery not yet remembered.
    const data: WebhookJobData = {
      connector: 'shopify',
      deliveryId,
      kind: 'orders/updated',
      subjects: [{ orderNumber: '1001' }],
      receivedAt: RECEIVED_AT.toISOString(),
    };
    await queue.add(data, webhookJobOptions(webhookJobId('shopify', deliveryId)));

    expect((await service.receive('shopify', request('{}', {}))).status).toBe('queued');
    expect(await jobsOf(deliveryId)).toHaveLength(1);
    // Remembered now: the next repeat is acknowledged without touching the queue.
    expect((await service.receive('shopify', request('{}', {}))).status).toBe('duplicate');
    expect(await jobsOf(deliveryId)).toHaveLength(1);
  });

  it('makes one job of the same delivery arriving at two processes at once', async () => {
    // A second API process: its own Redis connection and Bull client, on the same prefix.
    const otherRedis = new Redis(TEST_REDIS_URL, { keyPrefix: `${prefix}:` });
    const otherQueue = new Bull<WebhookJobData>(WebhookQueue.Name, TEST_REDIS_URL, {
      prefix: `${prefix}:bull`,
    });
    const other = await intake(otherRedis, otherQueue);
    const receipts = await Promise.all([
      service.receive('shopify', request('{}', {})),
      other.receive('shopify', request('{}', {})),
      service.receive('shopify', request('{}', {})),
      other.receive('shopify', request('{}', {})),
    ]).finally(async () => {
      await otherQueue.close();
      otherRedis.disconnect();
    });
    expect(receipts.every((r) => r.status === 'queued' || r.status === 'duplicate')).toBe(true);
    expect(await jobsOf(deliveryId)).toHaveLength(1);
    expect(await redis.exists(`webhooks:seen:shopify:${deliveryId}`)).toBe(1);
  });

  it('has not remembered a delivery while its job is still being queued (a stop then loses nothing)', async () => {
    // A queue that has not answered yet: the moment a process could stop.
    let release!: () => void;
    let queueing!: () => void;
    const asked = new Promise<void>((resolve) => (queueing = resolve));
    // The service only awaits add(): a queue that never answers until released is all it sees.
    const stuck = {
      add: () => {
        queueing();
        return new Promise<void>((resolve) => (release = resolve));
      },
    };
    const slow = await intake(redis, stuck);
    const receipt = slow.receive('shopify', request('{}', {}));
    await asked; // the job is being queued now
    expect(await redis.exists(`webhooks:seen:shopify:${deliveryId}`)).toBe(0);
    release();
    expect((await receipt).status).toBe('queued');
    expect(await redis.exists(`webhooks:seen:shopify:${deliveryId}`)).toBe(1);
  });

  it('remembers a delivery for webhooks.dedupeSeconds', async () => {
    await service.receive('shopify', request('{}', {}));
    const ttl = await redis.ttl(`webhooks:seen:shopify:${deliveryId}`);
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(60);
  });
});
