import { type Sandbox, startSandbox } from '../../sandbox/sandbox.server';
import { type HubProcess, pgSchema, startHub, tearDownHubs, writeHubConfig } from '../support/hub-process';
import { until } from '../support/hub-harness';
import { type CollectedSpan, startOtlpCollector } from '../support/otlp-collector';
import { uniquePrefix } from '../support/redis-prefix';

jest.setTimeout(90_000);

const HELPDESK = 'demo-helpdesk-key';
const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

/**
 * OpenTelemetry traces over OTLP/HTTP to a collector on loopback, from the hub as a real process
 * (the exporter loads Node's http module the way only a real process does): one trace per
 * request, the caller's W3C traceparent honoured, a span per vendor call, trace ids in the logs.
 */
describe('traces (hub process + sandbox + an OTLP collector on loopback)', () => {
  let sandbox: Sandbox;
  let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
  let config: { file: string; remove(): void };
  let hub: HubProcess;
  const schema = pgSchema();
  const prefix = uniquePrefix('traces');
  let passed = false;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    collector = await startOtlpCollector();
    config = writeHubConfig((doc) => {
      doc.monitoring = { probeIntervalMs: 0 };
      // Every question reaches the vendor (no fresh copy answers first), so a failure is seen.
      doc.lastGood = { ...doc.lastGood, freshSeconds: 0 };
      doc.tracing = {
        enabled: true,
        otlpUrl: collector.url,
        serviceName: 'hub-under-test',
        exportIntervalMs: 50,
      };
      doc.connectors = { shopify: doc.connectors.shopify, stripe: doc.connectors.stripe };
    });
    hub = await startHub({
      name: 'traced',
      config: config.file,
      env: {
        SANDBOX_URL: sandbox.url,
        DATABASE_SCHEMA: schema.schema,
        HUB_REDIS_KEY_PREFIX: prefix,
        LOG_LEVEL: 'info',
      },
    });
  });
  afterAll(async () => {
    await tearDownHubs({ hubs: [hub], passed, sandbox, prefix, schema, config });
    await collector.close();
  });

  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${hub.url}${path}`, {
      headers: { authorization: `Bearer ${HELPDESK}`, ...headers },
    });
    await res.text();
    return res;
  };
  const spansOf = (traceId: string, done: (spans: CollectedSpan[]) => boolean) =>
    until(async () => collector.spans.filter((s) => s.traceId === traceId), done, 15_000);
  /** The access log line of a request, once the process has printed it. */
  const accessLine = async (requestId: string): Promise<Record<string, any>> =>
    (await until(
      async () =>
        hub
          .output()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => JSON.parse(l) as Record<string, any>)
          .find((l) => l.msg === 'request completed' && l.reqId === requestId),
      (line) => line !== undefined,
      15_000,
    )) ?? {};

  it("continues the caller's trace: the request's span under its traceparent, a span per vendor call", async () => {
    const res = await get('/v1/orders/1001/context', { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` });
    expect(res.status).toBe(200);
    const spans = await spansOf(
      TRACE_ID,
      (all) => all.some((s) => s.kind === 2) && all.some((s) => s.kind === 3),
    );
    const server = spans.find((s) => s.name === 'GET /v1/orders/:orderNumber/context') as CollectedSpan;
    expect(server).toMatchObject({
      parentSpanId: CALLER_SPAN,
      service: 'hub-under-test',
      attributes: { 'http.route': '/v1/orders/:orderNumber/context', 'http.response.status_code': 200 },
    });
    const calls = await spansOf(TRACE_ID, (all) =>
      ['shopify', 'stripe'].every((c) => all.some((s) => s.attributes['hub.connector'] === c)),
    );
    for (const call of calls.filter((s) => s.kind === 3)) {
      expect(call.parentSpanId).toBe(server.spanId);
      expect(call.attributes).toMatchObject({
        'hub.operation': expect.any(String),
        'hub.outcome': 'ok',
        'hub.retries': 0,
        'hub.served_from_copy': false,
      });
    }
    // The path (order numbers, emails) is never a span's name or attribute.
    expect(JSON.stringify(calls)).not.toContain('1001');
    expect((await accessLine(res.headers.get('x-request-id')!)).traceId).toBe(TRACE_ID);
  });

  it('records a failing vendor call: its error code, its retries, the copy that answered', async () => {
    expect((await get('/v1/orders/1002/context')).status).toBe(200);
    await fetch(`${sandbox.url}/_sandbox/faults/stripe`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 1 }),
    });
    try {
      const res = await get('/v1/orders/1002/context');
      expect(res.status).toBe(200);
      const { traceId } = await accessLine(res.headers.get('x-request-id')!);
      expect(traceId).toMatch(/^[0-9a-f]{32}$/);
      const spans = await spansOf(traceId, (all) =>
        all.some((s) => s.attributes['hub.connector'] === 'stripe'),
      );
      const stripe = spans.find((s) => s.attributes['hub.connector'] === 'stripe')!;
      expect(stripe.attributes['hub.served_from_copy']).toBe(true);
      expect(stripe.attributes['hub.outcome']).not.toBe('ok');
      expect(Number(stripe.attributes['hub.retries'])).toBeGreaterThan(0);
      expect(stripe.status?.code).toBe(2); // ERROR
      passed = true;
    } finally {
      await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'DELETE' });
    }
  });
});
