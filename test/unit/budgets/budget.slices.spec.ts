import { LATE_MS, sliceBudget } from '../../../src/budgets/budget.slices';

/**
 * The most units any window of `windowMs` can hold when every slice is used to the full and calls
 * arrive up to LATE_MS after they were counted: the slices a stretch of windowMs + LATE_MS touches.
 */
function worstWindow(sliceMs: number, perSlice: number, windowMs: number): number {
  return (Math.ceil((windowMs + LATE_MS) / sliceMs - 1e-9) + 1) * perSlice;
}

const steadyOf = (perSeconds: number, s: { sliceMs: number; perSlice: number }) =>
  Math.round((perSeconds * 1000) / s.sliceMs) * s.perSlice;

describe('sliceBudget: a vendor limit as slices no window can overfill', () => {
  it.each([
    [{ limit: 100, perSeconds: 1 }, { sliceMs: 125, perSlice: 9 }, 72],
    [{ limit: 20, perSeconds: 1 }, { sliceMs: 1000 / 7, perSlice: 2 }, 14],
    [{ limit: 6, perSeconds: 1 }, { sliceMs: 250, perSlice: 1 }, 4],
    [{ limit: 5, perSeconds: 1 }, { sliceMs: 1000 / 3, perSlice: 1 }, 3],
    [{ limit: 2_000, perSeconds: 20 }, { sliceMs: 2_000, perSlice: 166 }, 1_660],
    [{ limit: 150, perSeconds: 60 }, { sliceMs: 6_000, perSlice: 12 }, 120],
    [{ limit: 3, perSeconds: 1 }, { sliceMs: 1_000, perSlice: 1 }, 1],
    [{ limit: 1, perSeconds: 10 }, { sliceMs: 10_000, perSlice: 1 }, 1],
  ])('%j → %j, %i per window steadily', (limit, slicing, steady) => {
    const got = sliceBudget(limit);
    expect(got).toEqual(slicing);
    expect(steadyOf(limit.perSeconds, got)).toBe(steady);
  });

  it('never lets a window hold more than the limit, even with calls arriving 250 ms late (limits 3–500)', () => {
    for (const perSeconds of [1, 10, 60]) {
      for (let limit = 3; limit <= 500; limit++) {
        const slicing = sliceBudget({ limit, perSeconds });
        expect(slicing.perSlice).toBeGreaterThanOrEqual(1);
        expect(worstWindow(slicing.sliceMs, slicing.perSlice, perSeconds * 1000)).toBeLessThanOrEqual(limit);
        // and keeps most of it: at least 55 % from a limit of 5 up
        if (limit >= 5) expect(steadyOf(perSeconds, slicing) / limit).toBeGreaterThanOrEqual(0.55);
      }
    }
  });
});
