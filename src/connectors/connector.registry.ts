import { ConfigError } from '../config/config.loader';
import { type HubConfig } from '../config/config.schema';
import {
  type Capability,
  type Connector,
  type ConnectorContext,
  type ConnectorDefinition,
  type VendorBudget,
} from './contract';

/** The connectors built from the config's `connectors:` section, validated once at boot. */
export class ConnectorRegistry {
  private constructor(
    private readonly connectors: readonly Connector[],
    /** Each connector's vendor budget, by connector id (none: its calls are not counted). */
    private readonly budgets: ReadonlyMap<string, VendorBudget> = new Map(),
  ) {}

  static fromConfig(
    sections: HubConfig['connectors'],
    definitions: readonly ConnectorDefinition<never>[],
    logger: (id: string) => ConnectorContext['logger'],
    /** What else a connector's context holds (id memory, budget, phone region), by connector id and type. */
    extras?: (id: string, type: string) => Pick<ConnectorContext, 'ids' | 'budget' | 'phoneRegion'>,
  ): ConnectorRegistry {
    const budgets = new Map<string, VendorBudget>();
    const built = ConnectorRegistry.check(sections, definitions).map(({ id, type, definition, options }) => {
      const more = extras?.(id, type);
      if (more?.budget) budgets.set(id, more.budget);
      const connector = definition.create(options, { id, logger: logger(id), ...more });
      // The mappings were checked against the declared $ctx names; a name not declared was not.
      const declared = new Set(['connector', ...definition.mappingContext]);
      const stray = Object.keys(connector.mappingContext).filter((k) => !declared.has(k));
      if (stray.length) {
        throw new Error(
          `connector type ${type} gives the mappings $ctx.${stray.join(', $ctx.')} but does not declare it`,
        );
      }
      return connector;
    });
    return new ConnectorRegistry(built, budgets);
  }

  /**
   * Each section's connector type and its options, parsed by the type's own schema; a ConfigError
   * naming the field otherwise. Boot calls it before anything is built (bootstrap.ts), so a
   * misconfigured connector stops the hub with that one line.
   */
  static check(sections: HubConfig['connectors'], definitions: readonly ConnectorDefinition<never>[]) {
    const byType = new Map(definitions.map((d) => [d.type, d]));
    return Object.entries(sections).map(([id, section]) => {
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
      return { id, type, definition, options: parsed.data as never };
    });
  }

  all(): readonly Connector[] {
    return this.connectors;
  }

  get(id: string): Connector | undefined {
    return this.connectors.find((c) => c.id === id);
  }

  /**
   * Tells these connectors' budgets that a request will likely call them soon (its later rounds),
   * so they count a few calls ahead now and those calls go out without a round trip to Redis
   * (src/budgets/vendor-budget.ts).
   */
  expectCalls(connectors: readonly Connector[]): void {
    for (const c of connectors) this.budgets.get(c.id)?.expect?.();
  }

  withCapability(capability: Capability): Connector[] {
    return this.connectors.filter((c) => c.capabilities.includes(capability));
  }

  async closeAll(): Promise<void> {
    await Promise.allSettled(this.connectors.map((c) => c.close?.()));
  }
}
