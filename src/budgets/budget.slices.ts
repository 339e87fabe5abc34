import { type BudgetLimit } from './budget.schema';

/** How a budget is counted: per slice of time, at most `perSlice` units. */
export interface Slicing {
  sliceMs: number;
  perSlice: number;
}

/** More slices smooth the flow but cost a Redis key each; ten are plenty. */
const MAX_SLICES = 10;

/**
 * How late a call may reach the vendor after it was counted (a busy event loop, the network)
 * and still not overfill the vendor's window.
 */
export const LATE_MS = 250;

/**
 * Counts `limit` per `perSeconds` in k aligned slices of perSeconds/k. A stretch of perSeconds
 * plus `lateMs` touches at most ceil((window + lateMs) / slice) + 1 slices, so with each slice
 * allowing limit divided by that many, no window of the vendor's length, aligned or sliding,
 * holds more than `limit` however the vendor counts, even when calls counted in one slice reach
 * it up to `lateMs` later, bunched with the next ones. The steady rate is k·perSlice per window,
 * with the k (1–10) that allows the most (the larger on a tie: smoother), e.g. 72 of 100, 15 of
 * 20, 4 of 6, 3 of 5, 120 of 150 a minute. A limit too small for that is kept per aligned
 * window (one slice of one).
 */
export function sliceBudget(budget: BudgetLimit, lateMs = LATE_MS): Slicing {
  const windowMs = budget.perSeconds * 1000;
  let best: (Slicing & { steady: number }) | undefined;
  for (let k = 1; k <= MAX_SLICES; k++) {
    const sliceMs = windowMs / k;
    const touched = Math.ceil((windowMs + lateMs) / sliceMs - 1e-9) + 1;
    const perSlice = Math.floor(budget.limit / touched);
    const steady = k * perSlice;
    if (perSlice >= 1 && (!best || steady >= best.steady)) best = { sliceMs, perSlice, steady };
  }
  return best ? { sliceMs: best.sliceMs, perSlice: best.perSlice } : { sliceMs: windowMs, perSlice: 1 };
}
