import { type Connector } from '../connectors/contract';
import { ConnectorPolicy } from './connector-policy';
import { type ResilienceConfig } from './resilience.schema';

/** One policy per connector, built once at boot from `resilience:` (defaults + per-connector overrides). */
export class ResilienceRegistry {
  private readonly policies = new Map<string, ConnectorPolicy>();

  constructor(config: ResilienceConfig, connectors: readonly Connector[]) {
    const { connectors: overrides, ...defaults } = config;
    for (const c of connectors)
      this.policies.set(c.id, new ConnectorPolicy(c.id, { ...defaults, ...overrides[c.id] }));
  }

  for(connectorId: string): ConnectorPolicy {
    const policy = this.policies.get(connectorId);
    if (!policy) throw new Error(`no resilience policy for connector ${connectorId}`);
    return policy;
  }

  all(): ConnectorPolicy[] {
    return [...this.policies.values()];
  }
}
