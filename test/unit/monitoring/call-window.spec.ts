import { CallWindow } from '../../../src/monitoring/call-window';
import { interfaceState } from '../../../src/monitoring/interface-state';

describe('CallWindow', () => {
  it('reports calls, errors, error rate and percentiles of the recent calls', () => {
    const window = new CallWindow(60_000, 100, () => 1_000);
    for (const ms of [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]) window.add(ms !== 100, ms);
    expect(window.stats()).toEqual({ calls: 10, errors: 1, errorRate: 0.1, p50Ms: 50, p95Ms: 100 });
  });

  it('forgets calls older than its span and keeps at most its capacity', () => {
    let now = 0;
    const window = new CallWindow(1_000, 3, () => now);
    window.add(false, 5);
    now = 2_000;
    for (const ms of [1, 2, 3, 4]) window.add(true, ms);
    expect(window.stats()).toEqual({ calls: 3, errors: 0, errorRate: 0, p50Ms: 3, p95Ms: 4 });
  });

  it('is all zeros when empty', () => {
    expect(new CallWindow().stats()).toEqual({ calls: 0, errors: 0, errorRate: 0, p50Ms: 0, p95Ms: 0 });
  });
});

describe('interfaceState', () => {
  const w = (calls: number, errors: number) => ({
    calls,
    errors,
    errorRate: calls ? errors / calls : 0,
    p50Ms: 1,
    p95Ms: 1,
  });
  it.each([
    ['closed', w(0, 0), 'up'],
    ['closed', w(4, 1), 'up'], // too few calls to call it degraded
    ['closed', w(5, 1), 'degraded'],
    ['closed', w(3, 3), 'down'],
    ['half_open', w(0, 0), 'degraded'],
    ['open', w(10, 0), 'down'],
  ] as const)('circuit %s with %o is %s', (circuit, window, state) => {
    expect(interfaceState(circuit, window)).toBe(state);
  });
});
