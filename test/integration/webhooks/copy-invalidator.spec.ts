import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { type HubConfig } from '../../../src/config/config.schema';
import { ConnectorRegistry } from '../../../src/connectors/connector.registry';
import { HUB_CONFIG } from '../../../src/config/config.tokens';
import { REDIS } from '../../../src/redis/redis.tokens';
import { Test } from '@nestjs/testing';
import { type Capability, type Connector } from '../../../src/connectors/contract';
import { createRedisClient } from '../../../src/redis/redis.client';
import { redisKey, type SnapshotKey, SnapshotStore } from '../../../src/snapshots/snapshot.store';
import { CopyInvalidator } from '../../../src/webhooks/copy.invalidator';
import { type WebhookJobData } from '../../../src/webhooks/webhook-queue';
import { deleteByPrefix, TEST_REDIS_URL, uniquePrefix } from '../../support/redis-prefix';

const connector = (id: string, system: Connector['system'], capabilities: Capability[]) =>
  ({ id, type: id, system, capabilities }) as unknown as Connector;
const CONNECTORS = [
  connector('shopify', 'oms', ['order.byNumber', 'customer.byEmail']),
  connector('easypost', 'shipping', ['shipments.byTracking']),
  connector('aftership', 'shipping', ['shipments.byTracking']),
  connector('hubspot', 'crm', ['customer.byEmail', 'cases.byCustomer']),
  connector('shipbob', 'wms', ['order.byNumber', 'orders.byNumbers']),
];
const registry: Pick<ConnectorRegistry, 'get' | 'withCapability'> = {
  get: (id: string) => CONNECTORS.find((c) => c.id === id),
  withCapability: (cap: Capability) => CONNECTORS.filter((c) => c.capabilities.includes(cap)),
};

const FRESH_SECONDS = 60;
/** Ages of copies: within lastGood.freshSeconds, and well past it. */
const FRESH = 5_000;
const OLD = 120_000;

/**
 * Webhook → outdated last-good copies, on a real Redis: the copies are written by the hub's own
 * SnapshotStore (which keeps the index of fresh copies the invalidator searches).
 */
describe('CopyInvalidator (webhook → outdated last-good copies)', () => {
  const prefix = uniquePrefix('copy-invalidator');
  let redis: Redis;
  let store: SnapshotStore;
  let invalidator: CopyInvalidator;
  let n = 0;
  /** A copy fetched `ageMs` ago, written as the hub writes it (resolves once Redis has it). */
  const put = (key: SnapshotKey, ageMs: number) =>
    store.save(key, { n: ++n }, new Date(Date.now() - ageMs).toISOString());
  const has = async (key: SnapshotKey) => (await redis.exists(redisKey(key))) === 1;
  const job = (connectorId: string, subjects: WebhookJobData['subjects']): WebhookJobData => ({
    connector: connectorId,
    deliveryId: 'd1',
    kind: 'test',
    subjects,
    receivedAt: new Date().toISOString(),
  });

  beforeAll(async () => {
    Logger.overrideLogger(false);
    redis = createRedisClient(TEST_REDIS_URL, prefix);
    store = new SnapshotStore(redis, 3_600, FRESH_SECONDS);
    const config: Pick<HubConfig, 'lastGood'> = {
      lastGood: { freshSeconds: FRESH_SECONDS, retentionSeconds: 3_600 },
    };
    // The invalidator as the container wires it, on this test's Redis, store and connectors.
    const moduleRef = await Test.createTestingModule({
      providers: [
        CopyInvalidator,
        { provide: REDIS, useValue: redis },
        { provide: ConnectorRegistry, useValue: registry },
        { provide: HUB_CONFIG, useValue: config },
        { provide: SnapshotStore, useValue: store },
      ],
    }).compile();
    invalidator = moduleRef.get(CopyInvalidator);
  });
  beforeEach(async () => {
    await deleteByPrefix(prefix);
  });
  afterAll(async () => {
    redis.disconnect();
    await deleteByPrefix(prefix);
  });

  it("a parcel's event drops every tracker's fresh copy that includes it, and nothing else", async () => {
    const both = { resource: 'tracking', id: '1Z-999,JD014600003' };
    await Promise.all([
      put({ connector: 'easypost', ...both }, FRESH),
      put({ connector: 'aftership', ...both }, FRESH),
      put({ connector: 'aftership', resource: 'tracking', id: '1z999' }, FRESH), // same parcel, other spelling
      put({ connector: 'easypost', resource: 'tracking', id: '9400110898825022579493' }, FRESH), // another parcel
      put({ connector: 'easypost', resource: 'tracking', id: '1Z999,OTHER' }, OLD), // not fresh: the fallback
      put({ connector: 'shopify', resource: 'order', id: '1004' }, FRESH),
    ]);

    expect(await invalidator.apply(job('easypost', [{ trackingNumber: '1Z999' }]))).toBe(3);
    expect(await has({ connector: 'easypost', ...both })).toBe(false);
    expect(await has({ connector: 'aftership', ...both })).toBe(false);
    expect(await has({ connector: 'aftership', resource: 'tracking', id: '1z999' })).toBe(false);
    expect(await has({ connector: 'easypost', resource: 'tracking', id: '9400110898825022579493' })).toBe(
      true,
    );
    expect(await has({ connector: 'easypost', resource: 'tracking', id: '1Z999,OTHER' })).toBe(true);
    expect(await has({ connector: 'shopify', resource: 'order', id: '1004' })).toBe(true);
  });

  it("an order's event drops that connector's copy of the order only", async () => {
    await Promise.all([
      put({ connector: 'shopify', resource: 'order', id: '1001' }, FRESH),
      put({ connector: 'shopify', resource: 'order', id: '1002' }, FRESH),
      put({ connector: 'hubspot', resource: 'order', id: '1001' }, FRESH),
    ]);
    expect(await invalidator.apply(job('shopify', [{ orderNumber: '#1001' }]))).toBe(1);
    expect(await has({ connector: 'shopify', resource: 'order', id: '1001' })).toBe(false);
    expect(await has({ connector: 'shopify', resource: 'order', id: '1002' })).toBe(true);
    expect(await has({ connector: 'hubspot', resource: 'order', id: '1001' })).toBe(true);
  });

  it("an order's event drops the connector's copies of several orders that include it", async () => {
    const many = (id: string) => ({ connector: 'shipbob', resource: 'orders-by-number', id });
    await Promise.all([
      put(many('1001,1002,1003'), FRESH),
      put(many('1002,10010'), FRESH), // 10010 is another order
      put(many('1001,1004'), OLD), // not fresh: the fallback
    ]);
    expect(await invalidator.apply(job('shipbob', [{ orderNumber: '1001' }]))).toBe(1);
    expect(await has(many('1001,1002,1003'))).toBe(false);
    expect(await has(many('1002,10010'))).toBe(true);
    expect(await has(many('1001,1004'))).toBe(true);
  });

  it("a person's event drops the connector's customer, orders and cases copies for that email", async () => {
    await Promise.all([
      put({ connector: 'hubspot', resource: 'customer', id: 'a@example.com|' }, FRESH),
      put({ connector: 'hubspot', resource: 'cases', id: 'a@example.com|+12125550143' }, FRESH),
      put({ connector: 'hubspot', resource: 'cases', id: 'b@example.com|' }, FRESH),
      put({ connector: 'shopify', resource: 'customer', id: 'a@example.com|' }, FRESH),
    ]);
    expect(await invalidator.apply(job('hubspot', [{ email: 'A@example.com' }]))).toBe(2);
    expect(await has({ connector: 'hubspot', resource: 'cases', id: 'b@example.com|' })).toBe(true);
    expect(await has({ connector: 'shopify', resource: 'customer', id: 'a@example.com|' })).toBe(true);
  });

  it('an event that names nothing drops every fresh copy of its connector', async () => {
    await Promise.all([
      put({ connector: 'hubspot', resource: 'customer', id: 'a@example.com|' }, FRESH),
      put({ connector: 'hubspot', resource: 'cases', id: 'b@example.com|' }, FRESH),
      put({ connector: 'hubspot', resource: 'cases', id: 'c@example.com|' }, OLD),
      put({ connector: 'shopify', resource: 'order', id: '1001' }, FRESH),
    ]);
    expect(await invalidator.apply(job('hubspot', []))).toBe(2);
    expect(await has({ connector: 'hubspot', resource: 'cases', id: 'c@example.com|' })).toBe(true);
    expect(await has({ connector: 'shopify', resource: 'order', id: '1001' })).toBe(true);
  });

  it('searches the fresh index, never the keyspace: thousands of old copies cost nothing', async () => {
    const old = Array.from({ length: 2_000 }, (_, i) =>
      put({ connector: 'easypost', resource: 'tracking', id: `OLD${i}` }, OLD),
    );
    await Promise.all([...old, put({ connector: 'easypost', resource: 'tracking', id: '1Z999' }, FRESH)]);
    const scan = jest.spyOn(redis, 'scan');
    const gets = jest.spyOn(redis, 'get');
    expect(await invalidator.apply(job('easypost', [{ trackingNumber: '1Z999' }]))).toBe(1);
    expect(scan).not.toHaveBeenCalled();
    // Only the candidate is read back.
    expect(gets).toHaveBeenCalledTimes(1);
    scan.mockRestore();
    gets.mockRestore();
  });

  it('does nothing for a connector no longer configured', async () => {
    await put({ connector: 'shopify', resource: 'order', id: '1001' }, FRESH);
    expect(await invalidator.apply(job('gone', []))).toBe(0);
  });
});
