import { zendeskConnector } from '../../connectors/zendesk';
import { HUB_CONFIG } from '../../src/config/config.tokens';
import { type HubConfig } from '../../src/config/config.schema';
import { CONNECTOR_DEFINITIONS } from '../../src/connectors/connector.list';
import { ConnectorRegistry } from '../../src/connectors/connector.registry';
import { type Connector, type ConnectorDefinition, defineConnector } from '../../src/connectors/contract';
import { buildConnectorRegistry } from '../../src/core.providers';
import { HubMetrics } from '../../src/monitoring/hub-metrics';
import { REDIS } from '../../src/redis/redis.tokens';
import { zendeskReply } from '../fixtures/zendesk';
import { type Harness, KEYS, startHarness } from '../support/hub-harness';
import type Redis from 'ioredis';

/**
 * Issue 12, part 7: the hub's shared services are providers the container wires, so a test swaps
 * one the Nest way (Test.createTestingModule + overrideProvider) and the rest of the hub runs as
 * deployed. Here the Zendesk connector is replaced by one that answers from memory, in Zendesk's
 * own payload shape: the real mapping, merge and answer take it from there.
 */
describe('a vendor connector replaced through the container (overrideProvider)', () => {
  let hub: Harness;
  const asked: string[] = [];

  /** Zendesk as a test double: the same type, options and capabilities, no HTTP. */
  const inMemoryZendesk = defineConnector({
    type: 'zendesk',
    system: 'crm',
    capabilities: ['customer.byEmail', 'cases.byCustomer'],
    optionsSchema: zendeskConnector.optionsSchema,
    payloads: zendeskConnector.payloads,
    mappingContext: zendeskConnector.mappingContext,
    create: (_options, context): Connector => ({
      id: context.id,
      type: 'zendesk',
      system: 'crm',
      capabilities: ['customer.byEmail', 'cases.byCustomer'],
      mappingContext: { connector: context.id, agentUrl: 'https://memory.zendesk.example/agent' },
      async customersByEmail(email) {
        asked.push(`customer ${email}`);
        const [user] = zendeskReply('users-search').users;
        return [{ resource: 'user', payload: { ...user, id: 999000, email } }];
      },
      async casesByCustomer(customer) {
        asked.push(`cases ${customer.email}`);
        const [ticket] = zendeskReply('tickets-requested').tickets;
        return [{ resource: 'ticket', payload: { ...ticket, id: 999001, subject: 'Answered from memory' } }];
      },
      manualLookup: () => ({ instructions: 'Open Zendesk.' }),
      healthCheck: async () => undefined,
    }),
  }) as unknown as ConnectorDefinition<never>;

  beforeAll(async () => {
    hub = await startHarness(undefined, {
      override: (module) =>
        module.overrideProvider(ConnectorRegistry).useFactory({
          factory: (config: HubConfig, redis: Redis, metrics: HubMetrics) =>
            buildConnectorRegistry(
              config,
              redis,
              metrics,
              CONNECTOR_DEFINITIONS.map((d) => (d.type === 'zendesk' ? inMemoryZendesk : d)),
            ),
          inject: [HUB_CONFIG, REDIS, HubMetrics],
        }),
    });
  });
  afterAll(() => hub.close());

  it('answers with the replacement’s cases, and the sandbox’s Zendesk is never asked', async () => {
    const zendeskRequests = async () => {
      const stats = (await (await fetch(`${hub.sandboxUrl}/_sandbox/stats`)).json()) as {
        vendors: Record<string, { requests: number }>;
      };
      return stats.vendors.zendesk.requests;
    };
    const before = await zendeskRequests();
    const res = await hub.get('/v1/customers/context?email=alice.martin@example.com', KEYS.helpdesk);
    expect(res.status).toBe(200);
    expect(asked).toContain('cases alice.martin@example.com');
    const fromMemory = res.body.cases.filter(
      (c: { subject?: string }) => c.subject === 'Answered from memory',
    );
    expect(fromMemory).toHaveLength(1);
    expect(fromMemory[0].sources).toEqual([
      {
        connector: 'zendesk',
        id: '999001',
        url: 'https://memory.zendesk.example/agent/tickets/999001',
      },
    ]);
    expect(res.body.sources.find((s: { connector: string }) => s.connector === 'zendesk').status).toBe('ok');
    // The other vendors are the real connectors, on the sandbox.
    expect(res.body.orders.length).toBeGreaterThan(0);
    expect(await zendeskRequests()).toBe(before);
  });
});
