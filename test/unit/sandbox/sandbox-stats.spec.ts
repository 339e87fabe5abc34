import { peak, StatsRecorder } from '../../../sandbox/sandbox.stats';

describe('sandbox stats: the peaks a vendor rate limit counts', () => {
  it('finds the most requests within any sliding window', () => {
    expect(peak([], 1_000)).toBe(0);
    expect(peak([0, 999], 1_000)).toBe(2);
    expect(peak([0, 1_000], 1_000)).toBe(1); // a window of 1 s holds [t, t + 1000)
    expect(peak([0, 100, 950, 1_050, 1_100, 1_900, 2_500], 1_000)).toBe(4); // 950–1900
    expect(peak([0, 100, 950, 1_050, 1_100, 1_900, 2_500], 10_000)).toBe(7);
  });

  it('counts per vendor, searches apart, and starts again on reset', () => {
    let now = 1_000_000;
    const stats = new StatsRecorder(['hubspot', 'zendesk'], () => now);
    for (const [at, operation] of [
      [0, 'POST /crm/v3/objects/contacts/search'],
      [300, 'POST /crm/v3/objects/tickets/search'],
      [600, 'GET /crm/v3/pipelines/tickets'],
      [1_200, 'POST /crm/v3/objects/contacts/search'],
      [1_400, 'GET /crm/v3/pipelines/tickets'],
    ] as const) {
      now = 1_000_000 + at;
      stats.request('hubspot', operation, false);
    }
    const { hubspot, zendesk } = stats.snapshot().vendors;
    expect(hubspot.peaks).toEqual({ perSecond: 3, per10Seconds: 5, perMinute: 5, searchPerSecond: 2 });
    expect(zendesk.peaks).toEqual({ perSecond: 0, per10Seconds: 0, perMinute: 0, searchPerSecond: 0 });
    stats.reset();
    expect(stats.snapshot().vendors.hubspot.peaks.perMinute).toBe(0);
  });
});
