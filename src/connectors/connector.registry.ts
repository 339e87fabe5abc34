import { ConfigError } from '../config/config.loader';
import { type HubConfig } from '../config/config.schema';
import { type Capability, type Connector, type ConnectorContext, type ConnectorDefinition } from './contract';

/** The connectors built from the config's `connectors:` section, validated once at boot. */
export class ConnectorRegistry {
  private constructor(private readonly connectors: readonly Connector[]) {}

  static fromConfig(
    sections: HubConfig['connectors'],
    definitions: readonly ConnectorDefinition<never>[],
    logger: (id: string) => ConnectorContext['logger'],
    /** What else a connector's context holds (id memory, budget), by connector id and type. */
    extras?: (id: string, type: string) => Pick<ConnectorContext, 'ids' | 'budget'>,
  ): ConnectorRegistry {
    const byType = new Map(definitions.map((d) => [d.type, d]));
    const built: Connector[] = [];
    for (const [id, section] of Object.entries(sections)) {
      const { type, ...options } = section;
      const definition = byType.get(type);
      if (!definition) {
        throw new ConfigError(
          `connectors.${id}.type: unknown connector type "${type}" (known: ${[...byType.keys()].join(', ')})`,
        );
      }
      const parsed = definition.optionsSchema.safeParse(options);
      if (!parsed.success) {
        const lines = parsed.error.issues.map((i) => `  connectors.${id}.${i.path.join('.')}: ${i.message}`);
        throw new ConfigError(`connector "${id}" (${type}) is misconfigured:\n${lines.join('\n')}`);
      }
      built.push(definition.create(parsed.data, { id, logger: logger(id), ...extras?.(id, type) }));
    }
    return new ConnectorRegistry(built);
  }

  all(): readonly Connector[] {
    return this.connectors;
  }

  get(id: string): Connector | undefined {
    return this.connectors.find((c) => c.id === id);
  }

  withCapability(capability: Capability): Connector[] {
    return this.connectors.filter((c) => c.capabilities.includes(capability));
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.connectors.map((c) => c.close?.()));
  }
}
