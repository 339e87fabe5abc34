import { budgetLimitsFor } from '../../../src/budgets/budget.factory';
import { BudgetsSchema } from '../../../src/budgets/budget.schema';

const budgets = (input: unknown) => BudgetsSchema.parse(input);

describe('budgetLimitsFor: a connector’s limits from its type’s defaults and the config', () => {
  it('takes the vendor’s documented defaults, search limits included', () => {
    expect(budgetLimitsFor(budgets({}), 'crm', 'hubspot')).toEqual({
      overall: { limit: 100, perSeconds: 10 },
      search: { limit: 5, perSeconds: 1 },
    });
    expect(budgetLimitsFor(budgets({}), 'zendesk', 'zendesk')).toEqual({
      overall: { limit: 200, perSeconds: 60 },
      search: undefined,
    });
  });

  it('keeps none for Shopify (its own bucket) or a type without documented limits, unless configured', () => {
    expect(budgetLimitsFor(budgets({}), 'shopify', 'shopify')).toBeUndefined();
    expect(budgetLimitsFor(budgets({}), 'acme', 'acme-oms')).toBeUndefined();
    const configured = budgets({ connectors: { shopify: { overall: { limit: 20_000, perSeconds: 20 } } } });
    expect(budgetLimitsFor(configured, 'shopify', 'shopify')).toEqual({
      overall: { limit: 20_000, perSeconds: 20 },
      search: undefined,
    });
  });

  it('overrides per connector id, one limit at a time, and turns off per connector or for all', () => {
    const config = budgets({
      connectors: {
        hubspot: { overall: { limit: 190, perSeconds: 10 } },
        'hubspot-eu': { enabled: false },
      },
    });
    expect(budgetLimitsFor(config, 'hubspot', 'hubspot')).toEqual({
      overall: { limit: 190, perSeconds: 10 },
      search: { limit: 5, perSeconds: 1 },
    });
    expect(budgetLimitsFor(config, 'hubspot-eu', 'hubspot')).toBeUndefined();
    expect(budgetLimitsFor(budgets({ enabled: false }), 'hubspot', 'hubspot')).toBeUndefined();
  });

  it('refuses a limit below 1 or a window outside 0.1 s to an hour', () => {
    for (const overall of [
      { limit: 0, perSeconds: 1 },
      { limit: 5, perSeconds: 0 },
      { limit: 5, perSeconds: 7_200 },
    ]) {
      expect(() => budgets({ connectors: { x: { overall } } })).toThrow();
    }
  });
});
