import { type BudgetLimit } from './budget.schema';

/** How a budget is counted: per slice of time, at most `perSlice` units. */
export interface Slicing {
  sliceMs: number;
  perSlice: number;
}

/** More slices smooth the flow but cost a Redis key each; ten are plenty. */
const MAX_SLICES = 10;

/**
 * Counts `limit` per `perSeconds` in k aligned slices of perSeconds/k, each allowing
 * floor(limit/(k+2)). Any stretch of perSeconds touches at most k+1 slices, so no window of
 * that length, aligned or sliding, holds more than `limit` however the vendor counts, and one
 * slice more is left for the way there: calls taken at the end of one slice that reach the
 * vendor late (a busy event loop, the network), bunched with the next slice's, still stay under
 * it. The steady rate is k·floor(limit/(k+2)) per window, with the k (1–10) that allows the most
 * (the larger on a tie: smoother), e.g. 81 of 100, 16 of 20, 4 of 6, 3 of 5. Below 3 a limit can
 * only be kept per aligned window (one slice of one).
 */
export function sliceBudget(budget: BudgetLimit): Slicing {
  const windowMs = budget.perSeconds * 1000;
  if (budget.limit < 3) return { sliceMs: windowMs, perSlice: 1 };
  let best = { k: 1, steady: Math.floor(budget.limit / 3) };
  for (let k = 2; k <= MAX_SLICES; k++) {
    const steady = k * Math.floor(budget.limit / (k + 2));
    if (steady >= best.steady) best = { k, steady };
  }
  return { sliceMs: windowMs / best.k, perSlice: Math.floor(budget.limit / (best.k + 2)) };
}
