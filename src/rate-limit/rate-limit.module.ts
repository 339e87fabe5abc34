import { type DynamicModule, Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { type AuthenticatedRequest } from '../auth/api-key.guard';
import { type HubConfig } from '../config/config.schema';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.tokens';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** `rateLimit` in the config: requests per key per window, a key's own `rateLimit` overriding it. */
@Module({})
export class RateLimitModule {
  static forConfig(config: HubConfig): DynamicModule {
    const own = new Map(config.apiKeys.map((k) => [k.name, k.rateLimit]));
    const windowMs = config.rateLimit.windowSeconds * 1000;
    return {
      module: RateLimitModule,
      imports: [
        ThrottlerModule.forRootAsync({
          useFactory: (redis: Redis) => ({
            storage: new RedisThrottlerStorage(redis),
            generateKey: (_context, tracker) => tracker,
            throttlers: [
              {
                name: 'default',
                ttl: windowMs,
                blockDuration: windowMs,
                limit: (context) => {
                  const name = context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.name;
                  if (name) return own.get(name) || config.rateLimit.requests;
                  // No key: a door credential or a card link (@LimitKeyless).
                  return config.rateLimit.perCredential;
                },
              },
            ],
          }),
          inject: [REDIS],
        }),
      ],
      exports: [ThrottlerModule],
    };
  }
}
