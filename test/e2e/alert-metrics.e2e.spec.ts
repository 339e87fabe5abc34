import { metricSum } from '../support/hub-process';
import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/**
 * The metrics the alert rules read (deploy/prometheus, docs/alerts.md), fed by a live hub: sources
 * in answers and those the deadline cut, webhook signature failures, Redis, the oldest task.
 */
describe('metrics behind the alert rules (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  beforeAll(async () => {
    hub = await startHarness((c) => (c.context.deadlineMs = 400), { only: ['shopify', 'stripe'] });
  });
  afterAll(() => hub.close());
  afterEach(() => hub.resetFaults());

  const scrape = async () => (await hub.get('/metrics', KEYS.admin)).body as string;

  it('counts the sources of each answer, and the ones the request deadline cut', async () => {
    expect((await hub.get('/v1/orders/1001/context', KEYS.helpdesk)).status).toBe(200);
    await hub.fault('stripe', { latencyMs: 1_500 });
    expect((await hub.get('/v1/orders/1002/context', KEYS.helpdesk)).status).toBe(200);
    const metrics = await scrape();
    const sources = (labels: string[]) => metricSum(metrics, 'hub_answer_sources_total', labels);
    expect(sources(['endpoint="order"', 'connector="shopify"', 'status="ok"'])).toBe(2);
    expect(sources(['endpoint="order"', 'connector="stripe"', 'status="ok"'])).toBe(1);
    expect(sources(['endpoint="order"', 'connector="stripe"', 'status="unavailable"'])).toBe(1);
    expect(metricSum(metrics, 'hub_answer_sources_cut_total', ['connector="stripe"'])).toBe(1);
    expect(metricSum(metrics, 'hub_answer_sources_cut_total', ['connector="shopify"'])).toBe(0);
  });

  it('counts the sources of a refused answer too, and never one that was not asked', async () => {
    // Both systems that know orders too slow: nobody can say whether the order exists, a 503.
    await hub.fault('shopify', { latencyMs: 1_500 });
    await hub.fault('stripe', { latencyMs: 1_500 });
    expect((await hub.get('/v1/orders/1003/context', KEYS.helpdesk)).status).toBe(503);
    await hub.resetFaults();
    // Nobody with this email: the carriers and the warehouse are not asked, so not counted.
    expect(
      (await hub.get('/v1/customers/context?email=nobody%40example.com&notFound=empty', KEYS.helpdesk))
        .status,
    ).toBe(200);
    const metrics = await scrape();
    expect(
      metricSum(metrics, 'hub_answer_sources_cut_total', ['endpoint="order"', 'connector="shopify"']),
    ).toBe(1);
    expect(metrics).not.toMatch(/hub_answer_sources_total\{[^}]*status="skipped"[^}]*\} [1-9]/);
  });

  it('counts webhooks by outcome: a bad signature, an unknown connector', async () => {
    const bad = await hub.post('/webhooks/shopify', '{"id":1}', undefined, {
      'x-shopify-hmac-sha256': 'bm90IGEgc2lnbmF0dXJl',
      'x-shopify-topic': 'orders/updated',
      'x-shopify-webhook-id': 'alert-metrics-1',
    });
    expect(bad.status).toBe(401);
    expect((await hub.post('/webhooks/no-such-thing', '{}')).status).toBe(404);
    const metrics = await scrape();
    expect(
      metricSum(metrics, 'hub_webhooks_total', ['connector="shopify"', 'outcome="signature_invalid"']),
    ).toBe(1);
    // A path anyone can write is one label, not one per path.
    expect(
      metricSum(metrics, 'hub_webhooks_total', ['connector="unknown"', 'outcome="not_configured"']),
    ).toBe(1);
    expect(metrics).not.toContain('no-such-thing');
  });

  it('reports Redis answering, and no task waiting, at each scrape', async () => {
    const metrics = await scrape();
    // The series the alerts' increase() reads exist from the start, at zero.
    expect(metrics).toMatch(/^hub_webhooks_total\{connector="stripe",outcome="signature_invalid"\} 0$/m);
    expect(metrics).toMatch(/^hub_actions_total\{connector="stripe",type="refund",status="manual"\} 0$/m);
    expect(metrics).toMatch(/^hub_redis_up 1$/m);
    expect(metrics).toMatch(/^hub_open_task_oldest_age_seconds\{connector="shopify"\} 0$/m);
  });
});
