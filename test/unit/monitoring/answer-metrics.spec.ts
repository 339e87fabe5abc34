import { HubMetrics } from '../../../src/monitoring/hub-metrics';

/** The values of one metric, by its label sets. */
async function values(metrics: HubMetrics, name: string): Promise<Record<string, number>> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name)!;
  return Object.fromEntries(
    (metric.values as { labels: Record<string, string>; value: number }[]).map((v) => [
      Object.values(v.labels).join('/'),
      v.value,
    ]),
  );
}

describe('the answer metrics the alert rules read', () => {
  it("count each source's status per endpoint, and the sources the request deadline cut", async () => {
    const metrics = new HubMetrics();
    metrics.answered('order', [
      { connector: 'shopify', status: 'ok' },
      {
        connector: 'stripe',
        status: 'unavailable',
        error: { code: 'timeout', message: 'stripe did not answer within the request deadline' },
      },
      {
        connector: 'hubspot',
        status: 'stale',
        error: { code: 'timeout', message: 'cases: no time left in the request deadline' },
      },
      // A vendor's own timeout (its timeoutMs) is not the request deadline.
      {
        connector: 'zendesk',
        status: 'unavailable',
        error: { code: 'timeout', message: 'zendesk timed out after 1500 ms' },
      },
      {
        connector: 'easypost',
        status: 'partial',
        error: { code: 'upstream_unavailable', message: 'HTTP 503' },
      },
    ]);
    metrics.answered('bot', [
      { connector: 'shopify', status: 'ok' },
      // Not asked because nothing needed it: not counted. Not asked because its circuit is open: counted.
      { connector: 'aftership', status: 'skipped' },
      { connector: 'stripe', status: 'skipped', error: { code: 'circuit_open', message: 'paused' } },
    ]);
    expect(await values(metrics, 'hub_answer_sources_total')).toEqual({
      'order/shopify/ok': 1,
      'order/stripe/unavailable': 1,
      'order/hubspot/stale': 1,
      'order/zendesk/unavailable': 1,
      'order/easypost/partial': 1,
      'bot/shopify/ok': 1,
      'bot/stripe/skipped': 1,
    });
    expect(await values(metrics, 'hub_answer_sources_cut_total')).toEqual({
      'order/stripe': 1,
      'order/hubspot': 1,
    });
  });

  it('start the series the alerts increase() reads at zero, for every configured connector', async () => {
    const metrics = new HubMetrics();
    metrics.prime(['shopify']);
    expect(await values(metrics, 'hub_answer_sources_cut_total')).toEqual({
      'order/shopify': 0,
      'customer/shopify': 0,
      'bot/shopify': 0,
    });
    expect(await values(metrics, 'hub_webhooks_total')).toEqual({ 'shopify/signature_invalid': 0 });
    expect(await values(metrics, 'hub_actions_total')).toEqual({
      'shopify/cancel/manual': 0,
      'shopify/refund/manual': 0,
      'shopify/note/manual': 0,
    });
  });
});
