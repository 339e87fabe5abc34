/** Which of a vendor's rate limits a call counts against, besides the overall one. */
export type BudgetKind = 'overall' | 'search';

export interface BudgetRequest {
  /** Units the call costs: 1 request, or a Shopify query's cost points. */
  cost?: number;
  /** `search`: also counted against the vendor's limit on its search endpoints, where it has one. */
  kind?: BudgetKind;
  /** The request's deadline: waiting for the budget ends with it. */
  signal?: AbortSignal;
}

/**
 * A connector's share of its vendor's rate limit (src/budgets). A connector takes from it before
 * every vendor call; `take` waits briefly when the budget is used up for the moment, and throws a
 * `budget_exhausted` ConnectorError when the wait would be too long.
 */
export interface VendorBudget {
  take(request?: BudgetRequest): Promise<void>;
  /**
   * A call is likely soon (a later round of the same answer): the budget may count a few ahead
   * now, so that call need not wait for the count.
   */
  expect?(): void;
}
