import {
  type DynamicModule,
  Global,
  Inject,
  Logger,
  Module,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common';
import { type HubConfig } from './config/config.schema';
import { HUB_CONFIG } from './config/config.tokens';
import { ConnectorRegistry } from './connectors/connector.registry';
import { ConsoleSessions } from './console/console-sessions';
import { PlaybookEngine } from './playbooks/playbook.engine';
import { waitUntilReady } from './redis/redis.client';
import { coreProviders } from './core.providers';
import { ApiKeyStore } from './auth/api-key.store';
import { MappingRegistry } from './mapping/mapping.registry';
import { SnapshotStore } from './snapshots/snapshot.store';
import { ResilienceRegistry } from './resilience/resilience.registry';
import { HubMetrics } from './monitoring/hub-metrics';
import { HubTracer } from './tracing/hub-tracer';
import { REDIS } from './redis/redis.tokens';
import type Redis from 'ioredis';

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
    @Inject(HubTracer) private readonly tracer: HubTracer,
  ) {}

  static forConfig(config: HubConfig): DynamicModule {
    return {
      module: CoreModule,
      providers: coreProviders(config),
      exports: [
        HUB_CONFIG,
        ApiKeyStore,
        ConsoleSessions,
        PlaybookEngine,
        ConnectorRegistry,
        MappingRegistry,
        REDIS,
        SnapshotStore,
        ResilienceRegistry,
        HubMetrics,
        HubTracer,
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
    // What spans are still buffered go out before the process ends.
    await this.tracer.shutdown();
    this.redis.disconnect();
  }
}
