import { Inject, Injectable, Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { type Connector } from '../connectors/contract';
import { trackingKey } from '../context/merge/shipments.merge';
import { REDIS } from '../redis/redis.tokens';
import { redisKey, SnapshotStore } from '../snapshots/snapshot.store';
import { type WebhookJobData } from './webhook-queue';

/** A last-good copy's key, read back: `lastgood:<connector>:<resource>:<encoded id>`. */
interface CopyRef {
  connector: string;
  resource: string;
  id: string;
}

/** Copies answered by customer (src/context/fanout.ts keys them `<email>|<phone>`). */
const BY_CUSTOMER = new Set(['customer', 'orders', 'cases']);

/**
 * Makes the next answer reflect a webhook: drops the last-good copies the webhook says are
 * outdated while they are still fresh (younger than lastGood.freshSeconds), so the next question
 * asks the source instead of answering from the copy. Older copies stay: they are never served
 * while the source answers, and remain the stale fallback when it does not.
 *
 * What a subject reaches:
 * - orderNumber: this connector's copy of that order, and its copies of several orders at once
 *   (`orders.byNumbers`, keyed by the comma-separated numbers) that include it;
 * - trackingNumber: every tracker's copies that include the parcel (a carrier event changes what
 *   each of them reports, and the carrier's word wins in the merge);
 * - email: this connector's customer, orders and cases copies for that email;
 * - no subject at all: every fresh copy of this connector.
 *
 * Candidates other than an order come from the store's index of the copies written within
 * freshSeconds (SnapshotStore.freshKeys), so the work follows the traffic of the last minute,
 * not the size of the keyspace.
 */
@Injectable()
export class CopyInvalidator {
  private readonly logger = new Logger('Webhooks');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(SnapshotStore) private readonly snapshots: SnapshotStore,
  ) {}

  /** Returns how many copies were dropped. */
  async apply(job: WebhookJobData): Promise<number> {
    const source = this.connectors.get(job.connector);
    if (!source) return 0; // the connector left the config since the delivery was queued
    const keys = new Set<string>();
    const searches = new Map<string, ((copy: CopyRef) => boolean)[]>();
    const search = (connector: Connector, matches: (copy: CopyRef) => boolean) =>
      searches.set(connector.id, [...(searches.get(connector.id) ?? []), matches]);

    if (job.subjects.length === 0) search(source, () => true);
    for (const subject of job.subjects) {
      if (subject.orderNumber) {
        const number = subject.orderNumber.replace(/^#/, '');
        keys.add(redisKey({ connector: source.id, resource: 'order', id: number }));
        search(source, (c) => c.resource === 'orders-by-number' && c.id.split(',').includes(number));
      }
      const parcel = trackingKey(subject.trackingNumber);
      if (parcel) {
        for (const tracker of this.trackers(source)) {
          search(
            tracker,
            (c) => c.resource === 'tracking' && c.id.split(',').some((n) => trackingKey(n) === parcel),
          );
        }
      }
      const email = subject.email?.toLowerCase();
      if (email) search(source, (c) => BY_CUSTOMER.has(c.resource) && c.id.split('|')[0] === email);
    }
    for (const [connector, predicates] of searches) {
      for (const key of await this.snapshots.freshKeys(connector)) {
        const copy = parse(key);
        if (copy && predicates.some((matches) => matches(copy))) keys.add(key);
      }
    }
    let dropped = 0;
    for (const key of keys) if (await this.dropIfFresh(key)) dropped++;
    this.logger.log(
      `${job.connector} ${job.kind} delivery ${job.deliveryId}: ${dropped} fresh cop${dropped === 1 ? 'y' : 'ies'} dropped`,
    );
    return dropped;
  }

  /** Every connector that tracks parcels, and the source itself. */
  private trackers(source: Connector): Connector[] {
    const trackers = this.connectors.withCapability('shipments.byTracking');
    return trackers.includes(source) ? trackers : [...trackers, source];
  }

  private async dropIfFresh(key: string): Promise<boolean> {
    const raw = await this.redis.get(key);
    if (!raw) return false;
    const fetchedAt = Date.parse(fetchedAtOf(raw) ?? '');
    const freshMs = this.config.lastGood.freshSeconds * 1_000;
    if (Number.isFinite(fetchedAt) && Date.now() - fetchedAt >= freshMs) return false;
    return (await this.redis.del(key)) > 0;
  }
}

function parse(key: string): CopyRef | undefined {
  const [namespace, connector, resource, id] = key.split(':');
  if (namespace !== 'lastgood' || !connector || !resource || id === undefined) return undefined;
  try {
    return { connector, resource, id: decodeURIComponent(id) };
  } catch {
    return undefined;
  }
}

function fetchedAtOf(raw: string): string | undefined {
  try {
    const value = (JSON.parse(raw) as { fetchedAt?: unknown }).fetchedAt;
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
