import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { ApiKeyStore } from './auth/api-key.store';
import { projectRoot } from './common/project-root';
import { type HubConfig } from './config/config.schema';
import { HUB_CONFIG } from './config/config.tokens';
import { CONNECTOR_DEFINITIONS } from './connectors/connector.list';
import { ConnectorRegistry } from './connectors/connector.registry';
import { RedisIdMemory } from './connectors/id-memory';
import { vendorBudgetFor } from './budgets/budget.factory';
import { MappingRegistry } from './mapping/mapping.registry';
import { createRedisClient, waitUntilReady } from './redis/redis.client';
import { REDIS } from './redis/redis.tokens';
import { SnapshotStore } from './snapshots/snapshot.store';
import { ResilienceRegistry } from './resilience/resilience.registry';
import { HubMetrics } from './monitoring/hub-metrics';
import type Redis from 'ioredis';
import { join, resolve } from 'node:path';

/**
 * The validated config and what is built from it once at boot: API keys, connectors, mappings,
 * the Redis connection and the last-good copies.
 * A bad config or mapping fails here, before the port opens.
 */
@Global()
@Module({})
export class CoreModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  static forConfig(config: HubConfig): DynamicModule {
    const logger = new Logger('Mapping');
    const redis = createRedisClient(config.redis.url, config.redis.keyPrefix);
    const metrics = new HubMetrics();
    const connectors = ConnectorRegistry.fromConfig(
      config.connectors,
      CONNECTOR_DEFINITIONS,
      (id) => {
        const log = new Logger(`connector:${id}`);
        return { debug: (m, meta) => log.debug({ ...meta }, m), warn: (m, meta) => log.warn({ ...meta }, m) };
      },
      (id, type) => ({
        ids: new RedisIdMemory(redis, id, config.context.rememberIdsSeconds),
        budget: vendorBudgetFor(redis, config.budgets, id, type, metrics),
        phoneRegion: config.phones.defaultRegion,
      }),
    );
    const dirs = [
      join(projectRoot(), 'mappings'),
      ...(config.mappings.dir ? [resolve(config.mappings.dir)] : []),
    ];
    const mappings = new MappingRegistry({
      dirs,
      phoneRegion: config.phones.defaultRegion,
      onUnknown: (e) => {
        metrics.unmapped.inc({ mapping: e.mapping, field: e.field });
        logger.warn(e, `unmapped vendor value ${e.mapping} ${e.field}=${e.value}`);
      },
    });
    return {
      module: CoreModule,
      providers: [
        { provide: REDIS, useValue: redis },
        { provide: HubMetrics, useValue: metrics },
        {
          provide: ResilienceRegistry,
          useValue: new ResilienceRegistry(config.resilience, connectors.all()),
        },
        {
          provide: SnapshotStore,
          useValue: new SnapshotStore(redis, config.lastGood.retentionSeconds, config.lastGood.freshSeconds),
        },
        { provide: HUB_CONFIG, useValue: config },
        { provide: ApiKeyStore, useValue: new ApiKeyStore(config.apiKeys) },
        { provide: ConnectorRegistry, useValue: connectors },
        { provide: MappingRegistry, useValue: mappings },
      ],
      exports: [
        HUB_CONFIG,
        ApiKeyStore,
        ConnectorRegistry,
        MappingRegistry,
        REDIS,
        SnapshotStore,
        ResilienceRegistry,
        HubMetrics,
      ],
    };
  }

  /** Boot waits briefly for Redis so the first answers keep their copies; it never blocks on it. */
  async onModuleInit(): Promise<void> {
    if (!(await waitUntilReady(this.redis, 1_500))) {
      new Logger('Redis').warn('Redis is not ready; starting without last-good copies until it is');
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.connectors.closeAll();
    this.redis.disconnect();
  }
}
