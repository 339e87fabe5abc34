import { type BudgetLimit } from './budget.schema';

/**
 * Each vendor's documented rate limit for its smallest plan, as the default budget of a
 * connector of that type (override per connector id in `budgets.connectors`; higher plans allow
 * more). `search`: the vendor's separate limit on its search endpoints. Sources and other plans:
 * docs/budgets.md.
 */
export const DEFAULT_BUDGETS: Readonly<Record<string, { overall: BudgetLimit; search?: BudgetLimit }>> = {
  // Shopify: none by default. Its GraphQL cost bucket is reported in every reply, so every process
  // already sees what all of them used, and the connector waits for the bucket itself
  // (shopify.throttle.ts); a budget here (in cost points) would only take away the bucket's burst.
  /** Private app on Free/Starter: 100 requests per 10 s; CRM search: 5 requests per second per account. */
  hubspot: { overall: { limit: 100, perSeconds: 10 }, search: { limit: 5, perSeconds: 1 } },
  /** Support Team plan: 200 requests per minute. */
  zendesk: { overall: { limit: 200, perSeconds: 60 } },
  /** Tracking API (2024-07 and later): GET /trackings, 6 requests per second. */
  aftership: { overall: { limit: 6, perSeconds: 1 } },
  /** Index (list) endpoints such as GET /trackers: 5 requests per second. */
  easypost: { overall: { limit: 5, perSeconds: 1 } },
  /** 150 requests per minute per user and application. */
  shipbob: { overall: { limit: 150, perSeconds: 60 } },
  /** Live mode: 100 requests per second; the Search API: 20 reads per second. */
  stripe: { overall: { limit: 100, perSeconds: 1 }, search: { limit: 20, perSeconds: 1 } },
};
