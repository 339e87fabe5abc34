import { Logger, type Provider } from '@nestjs/common';
import type Redis from 'ioredis';
import { join, resolve } from 'node:path';
import { ApiKeyStore } from './auth/api-key.store';
import { ConsoleSessions } from './console/console-sessions';
import { PlaybookEngine } from './playbooks/playbook.engine';
import { loadPlaybooks, playbookDirs } from './playbooks/playbook.loader';
import { vendorBudgetFor } from './budgets/budget.factory';
import { projectRoot } from './common/project-root';
import { type HubConfig } from './config/config.schema';
import { HUB_CONFIG } from './config/config.tokens';
import { CONNECTOR_DEFINITIONS } from './connectors/connector.list';
import { ConnectorRegistry } from './connectors/connector.registry';
import { type ConnectorDefinition } from './connectors/contract';
import { RedisIdMemory } from './connectors/id-memory';
import { MappingRegistry } from './mapping/mapping.registry';
import { type PayloadSource } from './mapping/payload-paths';
import { HubMetrics } from './monitoring/hub-metrics';
import { HubTracer } from './tracing/hub-tracer';
import { createRedisClient } from './redis/redis.client';
import { REDIS } from './redis/redis.tokens';
import { ResilienceRegistry } from './resilience/resilience.registry';
import { SnapshotStore } from './snapshots/snapshot.store';

/**
 * The connectors of the config, each with its context (logger, remembered ids, vendor budget, the
 * shop's phone region). `definitions` is every type the hub knows; a test may pass its own list
 * to replace one vendor (overrideProvider(ConnectorRegistry) with this factory).
 */
export function buildConnectorRegistry(
  config: HubConfig,
  redis: Redis,
  metrics: HubMetrics,
  definitions: readonly ConnectorDefinition<never>[] = CONNECTOR_DEFINITIONS,
): ConnectorRegistry {
  return ConnectorRegistry.fromConfig(
    config.connectors,
    definitions,
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
}

/** What each mapping reads, from the connector definitions: "shipbob/order" → its payload schema and $ctx names. */
export function payloadSources(
  definitions: readonly ConnectorDefinition<never>[] = CONNECTOR_DEFINITIONS,
): Record<string, PayloadSource> {
  return Object.fromEntries(
    definitions.flatMap((d) =>
      Object.entries(d.payloads).map(([resource, payload]) => [
        `${d.type}/${resource}`,
        { payload, context: d.mappingContext },
      ]),
    ),
  );
}

function buildMappings(config: HubConfig, metrics: HubMetrics): MappingRegistry {
  const logger = new Logger('Mapping');
  return new MappingRegistry({
    dirs: [join(projectRoot(), 'mappings'), ...(config.mappings.dir ? [resolve(config.mappings.dir)] : [])],
    phoneRegion: config.phones.defaultRegion,
    payloads: payloadSources(),
    onUnknown: (e) => {
      metrics.unmapped.inc({ mapping: e.mapping, field: e.field });
      logger.warn(e, `unmapped vendor value ${e.mapping} ${e.field}=${e.value}`);
    },
  });
}

/**
 * What is built once from the validated config, as providers the container wires (and a test
 * replaces with `Test.createTestingModule(...).overrideProvider(...)`): nothing is built while
 * the module is defined.
 */
export function coreProviders(config: HubConfig): Provider[] {
  return [
    { provide: HUB_CONFIG, useValue: config },
    {
      provide: HubMetrics,
      useFactory: (c: HubConfig) => {
        const metrics = new HubMetrics();
        metrics.prime(Object.keys(c.connectors));
        return metrics;
      },
      inject: [HUB_CONFIG],
    },
    { provide: HubTracer, useFactory: (c: HubConfig) => new HubTracer(c.tracing), inject: [HUB_CONFIG] },
    {
      provide: REDIS,
      useFactory: (c: HubConfig) => createRedisClient(c.redis.url, c.redis.keyPrefix),
      inject: [HUB_CONFIG],
    },
    {
      provide: ConnectorRegistry,
      useFactory: (c: HubConfig, redis: Redis, metrics: HubMetrics) =>
        buildConnectorRegistry(c, redis, metrics),
      inject: [HUB_CONFIG, REDIS, HubMetrics],
    },
    { provide: MappingRegistry, useFactory: buildMappings, inject: [HUB_CONFIG, HubMetrics] },
    {
      provide: ResilienceRegistry,
      useFactory: (c: HubConfig, connectors: ConnectorRegistry) =>
        new ResilienceRegistry(c.resilience, connectors.all()),
      inject: [HUB_CONFIG, ConnectorRegistry],
    },
    {
      provide: SnapshotStore,
      useFactory: (c: HubConfig, redis: Redis) =>
        new SnapshotStore(redis, c.lastGood.retentionSeconds, c.lastGood.freshSeconds),
      inject: [HUB_CONFIG, REDIS],
    },
    { provide: ApiKeyStore, useFactory: (c: HubConfig) => new ApiKeyStore(c.apiKeys), inject: [HUB_CONFIG] },
    // The ops console's sign-ins: its guard runs for every request, beside the API key guard.
    ConsoleSessions,
    // Playbooks (docs/playbooks.md), compiled once: a bad file stops the hub here, before the port opens.
    {
      provide: PlaybookEngine,
      useFactory: (c: HubConfig) => new PlaybookEngine(loadPlaybooks(playbookDirs(c))),
      inject: [HUB_CONFIG],
    },
  ];
}
