import { z } from 'zod';
import { wholeNumber } from '../connectors/contract';

/** `limit` units per `perSeconds`: requests, or for Shopify GraphQL cost points. */
export const BudgetLimitSchema = z
  .object({
    limit: wholeNumber().pipe(z.number().min(1).max(1_000_000)),
    perSeconds: z.number().min(0.1).max(3_600),
  })
  .strict();
export type BudgetLimit = z.infer<typeof BudgetLimitSchema>;

/** One connector's budget: the vendor's overall limit and, where it has one, its search endpoints' own. */
export const ConnectorBudgetSchema = z
  .object({
    /** false: this connector's calls are not counted (the vendor's own limits still apply). */
    enabled: z.boolean().optional(),
    overall: BudgetLimitSchema.optional(),
    search: BudgetLimitSchema.optional(),
  })
  .strict();

/**
 * `budgets:` in the config. Each connector's calls are counted against its vendor's rate limit
 * in Redis, shared by every hub process (docs/budgets.md); the defaults are the vendors'
 * documented limits for their smallest plan (budget.defaults.ts), overridden per connector id.
 */
export const BudgetsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * How long a call may wait for room in its budget (and never past the request's deadline)
     * before it gives up with `budget_exhausted` and the answer uses the last good copy.
     */
    maxWaitMs: wholeNumber().pipe(z.number().max(10_000)).default(300),
    connectors: z.record(z.string(), ConnectorBudgetSchema).default({}),
  })
  .strict();
export type BudgetsConfig = z.infer<typeof BudgetsSchema>;
