import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { REDIS } from '../redis/redis.tokens';

/**
 * The delivery ids queued lately, per connector, in Redis (shared by every API process) under the
 * hub's key prefix: `webhooks:seen:<connector>:<delivery id>`, kept `webhooks.dedupeSeconds`.
 *
 * A delivery is remembered only once its job is queued. Remembering it first would open a gap:
 * a process that stopped between the two would have queued nothing, and the vendor's retry of
 * that delivery would be acknowledged as a repeat and lost. Deliveries that arrive together, or a
 * retry after a stop between queueing and remembering, are kept to one job by its job id.
 */
@Injectable()
export class DeliveryLog {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** Whether this delivery was queued within the dedupe window. Throws when Redis does not answer. */
  async seen(connector: string, deliveryId: string): Promise<boolean> {
    return (await this.redis.exists(key(connector, deliveryId))) === 1;
  }

  /** Remembers a delivery whose job is queued, for `webhooks.dedupeSeconds`. */
  async remember(connector: string, deliveryId: string, receivedAt: Date): Promise<void> {
    await this.redis.set(
      key(connector, deliveryId),
      receivedAt.toISOString(),
      'EX',
      this.config.webhooks.dedupeSeconds,
    );
  }
}

function key(connector: string, deliveryId: string): string {
  return `webhooks:seen:${connector}:${encodeURIComponent(deliveryId)}`;
}
