import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { parseConfig } from '../../../src/config/config.loader';
import { projectRoot } from '../../../src/common/project-root';
import { CONNECTOR_DEFINITIONS } from '../../../src/connectors/connector.list';
import { ConnectorRegistry } from '../../../src/connectors/connector.registry';
import { type BudgetRequest, type Connector } from '../../../src/connectors/contract';
import { ANCHOR } from './sandbox.helpers';

const quiet = () => ({ debug() {}, warn() {} });

/**
 * Issue 11 part 3: every call a connector sends to its vendor first takes from the connector's
 * budget, searches also from the search budget, Shopify by its query cost: the sandbox counts
 * the requests, a recording budget counts the takes, and the two agree for every connector.
 */
describe('every vendor call takes from its connector’s budget', () => {
  let sandbox: Sandbox;
  let registry: ConnectorRegistry;
  const takes = new Map<string, BudgetRequest[]>();

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
    const config = parseConfig(readFileSync(join(projectRoot(), 'config/sandbox.yaml'), 'utf8'), {
      SANDBOX_URL: sandbox.url,
    });
    registry = ConnectorRegistry.fromConfig(config.connectors, CONNECTOR_DEFINITIONS, quiet, (id) => {
      takes.set(id, []);
      return { budget: { take: async (request = {}) => void takes.get(id)!.push(request) } };
    });
  });
  afterAll(async () => {
    await registry?.closeAll();
    await sandbox?.close();
  });

  /** Every read the connector can make, about a real order, its customer and its parcels. */
  async function readEverything(c: Connector): Promise<void> {
    const order = sandbox.world.orders.find((o) => !o.omsMissing && o.parcels.length > 0)!;
    const customer = sandbox.world.customers.find((p) => p.id === order.customerId)!;
    const who = { email: customer.email.toLowerCase(), phone: customer.phone };
    await c.orderByNumber?.(String(order.number));
    await c.ordersByCustomer?.(who, 5);
    await c.customersByEmail?.(who.email);
    await c.customersByPhone?.(who.phone);
    await c.casesByCustomer?.(who);
    await c.casesByCustomer?.({ email: 'nobody@example.invalid', phone: '+19995550000' });
    await c.trackShipments?.(
      order.parcels.map((p) => ({ trackingNumber: p.trackingNumber, carrier: p.carrier })),
    );
    await c.healthCheck?.();
  }

  it.each(['shopify', 'shipbob', 'easypost', 'aftership', 'hubspot', 'zendesk', 'stripe'])(
    '%s',
    async (id) => {
      const connector = registry.get(id)!;
      sandbox.reset();
      takes.set(id, []);
      await readEverything(connector);
      const stats = sandbox.stats().vendors[id];
      const taken = takes.get(id)!;
      expect(stats.requests).toBeGreaterThanOrEqual(2);
      expect(taken).toHaveLength(stats.requests);
      const searches = Object.entries(stats.operations)
        .filter(([operation]) => operation.includes('/search'))
        .reduce((sum, [, n]) => sum + n, 0);
      // Searches count against the search budget where the vendor has one (HubSpot's CRM search, Stripe's Search API).
      const searchBudget = id === 'hubspot' || id === 'stripe';
      expect(taken.filter((t) => t.kind === 'search')).toHaveLength(searchBudget ? searches : 0);
      if (searchBudget) expect(searches).toBeGreaterThan(0);
      // Shopify takes a query's cost in points: a guess until it has reported the operation's cost.
      if (id === 'shopify') expect(taken.every((t) => (t.cost ?? 1) > 1)).toBe(true);
      else expect(taken.every((t) => t.cost === undefined)).toBe(true);
    },
  );
});
