import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { type HubConfig } from '../../../src/config/config.schema';
import { type ConnectorRegistry } from '../../../src/connectors/connector.registry';
import { type Capability, type Connector } from '../../../src/connectors/contract';
import { redisKey, type SnapshotKey } from '../../../src/snapshots/snapshot.store';
import { CopyInvalidator } from '../../../src/webhooks/copy.invalidator';
import { type WebhookJobData } from '../../../src/webhooks/webhook-queue';

/** Just enough of ioredis for the invalidator: SCAN (one page), GET, DEL; the client adds its key prefix. */
class FakeRedis {
  readonly store = new Map<string, string>();
  constructor(private readonly prefix: string) {}
  async scan(_cursor: string, _match: 'MATCH', pattern: string): Promise<[string, string[]]> {
    const regex = new RegExp(
      `^${pattern.replace(
        /\\(.)|([.+^${}()|])|(\*)/g,
        (_m, escaped: string, special: string, star: string) =>
          escaped ? `\\${escaped}` : special ? `\\${special}` : star ? '.*' : '',
      )}$`,
    );
    return ['0', [...this.store.keys()].filter((k) => regex.test(k))];
  }
  async get(key: string) {
    return this.store.get(this.prefix + key) ?? null;
  }
  async del(key: string) {
    return this.store.delete(this.prefix + key) ? 1 : 0;
  }
}

const connector = (id: string, system: Connector['system'], capabilities: Capability[]) =>
  ({ id, type: id, system, capabilities }) as unknown as Connector;
const CONNECTORS = [
  connector('shopify', 'oms', ['order.byNumber', 'customer.byEmail']),
  connector('easypost', 'shipping', ['shipments.byTracking']),
  connector('aftership', 'shipping', ['shipments.byTracking']),
  connector('hubspot', 'crm', ['customer.byEmail', 'cases.byCustomer']),
];
const registry = {
  get: (id: string) => CONNECTORS.find((c) => c.id === id),
  withCapability: (cap: Capability) => CONNECTORS.filter((c) => c.capabilities.includes(cap)),
} as unknown as ConnectorRegistry;

const FRESH = 5_000;
const OLD = 120_000;

describe('CopyInvalidator (webhook → outdated last-good copies)', () => {
  beforeAll(() => Logger.overrideLogger(false));
  let redis: FakeRedis;
  let invalidator: CopyInvalidator;
  const put = (key: SnapshotKey, ageMs: number) =>
    redis.store.set(
      `hub:${redisKey(key)}`,
      JSON.stringify({ fetchedAt: new Date(Date.now() - ageMs).toISOString(), data: {} }),
    );
  const has = (key: SnapshotKey) => redis.store.has(`hub:${redisKey(key)}`);
  const job = (connectorId: string, subjects: WebhookJobData['subjects']): WebhookJobData => ({
    connector: connectorId,
    deliveryId: 'd1',
    kind: 'test',
    subjects,
    receivedAt: new Date().toISOString(),
  });

  beforeEach(() => {
    redis = new FakeRedis('hub:');
    const config = { redis: { keyPrefix: 'hub' }, lastGood: { freshSeconds: 60 } } as HubConfig;
    invalidator = new CopyInvalidator(redis as unknown as Redis, registry, config);
  });

  it("a parcel's event drops every tracker's fresh copy that includes it, and nothing else", async () => {
    const both = { resource: 'tracking', id: '1Z-999,JD014600003' };
    put({ connector: 'easypost', ...both }, FRESH);
    put({ connector: 'aftership', ...both }, FRESH);
    put({ connector: 'aftership', resource: 'tracking', id: '1z999' }, FRESH); // same parcel, other spelling
    put({ connector: 'easypost', resource: 'tracking', id: '9400110898825022579493' }, FRESH); // another parcel
    put({ connector: 'easypost', resource: 'tracking', id: '1Z999,OTHER' }, OLD); // not fresh: kept as fallback
    put({ connector: 'shopify', resource: 'order', id: '1004' }, FRESH);

    expect(await invalidator.apply(job('easypost', [{ trackingNumber: '1Z999' }]))).toBe(3);
    expect(has({ connector: 'easypost', ...both })).toBe(false);
    expect(has({ connector: 'aftership', ...both })).toBe(false);
    expect(has({ connector: 'aftership', resource: 'tracking', id: '1z999' })).toBe(false);
    expect(has({ connector: 'easypost', resource: 'tracking', id: '9400110898825022579493' })).toBe(true);
    expect(has({ connector: 'easypost', resource: 'tracking', id: '1Z999,OTHER' })).toBe(true);
    expect(has({ connector: 'shopify', resource: 'order', id: '1004' })).toBe(true);
  });

  it("an order's event drops that connector's copy of the order only", async () => {
    put({ connector: 'shopify', resource: 'order', id: '1001' }, FRESH);
    put({ connector: 'shopify', resource: 'order', id: '1002' }, FRESH);
    put({ connector: 'hubspot', resource: 'order', id: '1001' }, FRESH);
    expect(await invalidator.apply(job('shopify', [{ orderNumber: '#1001' }]))).toBe(1);
    expect(has({ connector: 'shopify', resource: 'order', id: '1001' })).toBe(false);
    expect(has({ connector: 'shopify', resource: 'order', id: '1002' })).toBe(true);
    expect(has({ connector: 'hubspot', resource: 'order', id: '1001' })).toBe(true);
  });

  it("a person's event drops the connector's customer, orders and cases copies for that email", async () => {
    put({ connector: 'hubspot', resource: 'customer', id: 'a@example.com|' }, FRESH);
    put({ connector: 'hubspot', resource: 'cases', id: 'a@example.com|+12125550143' }, FRESH);
    put({ connector: 'hubspot', resource: 'cases', id: 'b@example.com|' }, FRESH);
    put({ connector: 'shopify', resource: 'customer', id: 'a@example.com|' }, FRESH);
    expect(await invalidator.apply(job('hubspot', [{ email: 'A@example.com' }]))).toBe(2);
    expect(has({ connector: 'hubspot', resource: 'cases', id: 'b@example.com|' })).toBe(true);
    expect(has({ connector: 'shopify', resource: 'customer', id: 'a@example.com|' })).toBe(true);
  });

  it('an event that names nothing drops every fresh copy of its connector', async () => {
    put({ connector: 'hubspot', resource: 'customer', id: 'a@example.com|' }, FRESH);
    put({ connector: 'hubspot', resource: 'cases', id: 'b@example.com|' }, FRESH);
    put({ connector: 'hubspot', resource: 'cases', id: 'c@example.com|' }, OLD);
    put({ connector: 'shopify', resource: 'order', id: '1001' }, FRESH);
    expect(await invalidator.apply(job('hubspot', []))).toBe(2);
    expect(has({ connector: 'hubspot', resource: 'cases', id: 'c@example.com|' })).toBe(true);
    expect(has({ connector: 'shopify', resource: 'order', id: '1001' })).toBe(true);
  });

  it('does nothing for a connector no longer configured', async () => {
    put({ connector: 'shopify', resource: 'order', id: '1001' }, FRESH);
    expect(await invalidator.apply(job('gone', []))).toBe(0);
  });
});
