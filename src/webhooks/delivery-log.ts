import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { REDIS } from '../redis/redis.tokens';

/**
 * The delivery ids seen lately, per connector, in Redis (shared by every API process) under the
 * hub's key prefix: `webhooks:seen:<connector>:<delivery id>`, kept `webhooks.dedupeSeconds`.
 */
@Injectable()
export class DeliveryLog {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  /** True the first time this delivery is seen, false for a repeat. Throws when Redis does not answer. */
  async firstTime(connector: string, deliveryId: string, receivedAt: Date): Promise<boolean> {
    const set = await this.redis.set(
      key(connector, deliveryId),
      receivedAt.toISOString(),
      'EX',
      this.config.webhooks.dedupeSeconds,
      'NX',
    );
    return set === 'OK';
  }

  /** Forgets a delivery that could not be queued, so the vendor's retry is taken. */
  async forget(connector: string, deliveryId: string): Promise<void> {
    await this.redis.del(key(connector, deliveryId)).catch(() => undefined);
  }
}

function key(connector: string, deliveryId: string): string {
  return `webhooks:seen:${connector}:${encodeURIComponent(deliveryId)}`;
}
