import type Redis from 'ioredis';
import { type VendorBudget } from '../connectors/vendor-budget';
import { type HubMetrics } from '../monitoring/hub-metrics';
import { DEFAULT_BUDGETS } from './budget.defaults';
import { type BudgetLimit, type BudgetsConfig } from './budget.schema';
import { RedisVendorBudget } from './vendor-budget';

/** The limits a connector keeps: its type's defaults, overridden by `budgets.connectors.<id>`. */
export function budgetLimitsFor(
  config: BudgetsConfig,
  id: string,
  type: string,
): { overall: BudgetLimit; search?: BudgetLimit } | undefined {
  const own = config.connectors[id];
  if (!config.enabled || own?.enabled === false) return undefined;
  const defaults = DEFAULT_BUDGETS[type];
  const overall = own?.overall ?? defaults?.overall;
  if (!overall) return undefined; // a connector type without documented limits, and none configured
  return { overall, search: own?.search ?? defaults?.search };
}

/** The shared budget of connector `id` of `type`, or undefined when it keeps none. */
export function vendorBudgetFor(
  redis: Redis,
  config: BudgetsConfig,
  id: string,
  type: string,
  metrics: HubMetrics,
): VendorBudget | undefined {
  const limits = budgetLimitsFor(config, id, type);
  if (!limits) return undefined;
  const budget = new RedisVendorBudget(redis, id, limits, config.maxWaitMs, {
    counted: (kind, outcome) => metrics.budgetCalls.inc({ connector: id, budget: kind, outcome }),
  });
  for (const [kind, rate] of Object.entries(budget.ratesPerSecond())) {
    metrics.budgetRate.set({ connector: id, budget: kind }, Math.round(rate * 100) / 100);
  }
  return budget;
}
