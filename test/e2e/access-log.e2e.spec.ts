import { captureLogs } from '../support/log-capture';
import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/**
 * Access logs (issue 10, defect 3): one line per request with its status, latency and request id,
 * none for health probes, and none that a long request can make expensive or huge.
 */
describe('access log', () => {
  let hub: Harness;
  const logs = captureLogs();
  const level = process.env.LOG_LEVEL;
  beforeAll(async () => {
    process.env.LOG_LEVEL = 'info';
    hub = await startHarness(undefined, { logStream: logs.stream });
  });
  afterAll(async () => {
    await hub.close();
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
  });

  const completed = (id: string) => logs.waitFor((l) => l.reqId === id && l.msg === 'request completed');

  it.each([
    ['/v1/orders/1001/context', KEYS.helpdesk, 200],
    ['/v1/orders/999999/context', KEYS.helpdesk, 404],
    ['/v1/orders/1001/context', undefined, 401],
    ['/v1/no-such-route', KEYS.helpdesk, 404],
  ])('logs GET %s (key: %s) with status %i, latency and request id', async (path, key, status) => {
    const id = `log-${status}-${Math.random().toString(36).slice(2)}`;
    const res = await hub.get(path, key, { 'x-request-id': id });
    expect(res.status).toBe(status);
    expect(res.headers.get('x-request-id')).toBe(id);
    const line = await completed(id);
    expect(line.res.statusCode).toBe(status);
    expect(typeof line.responseTime).toBe('number');
    expect(line.responseTime).toBeGreaterThanOrEqual(0);
    expect(line.req).toEqual(expect.objectContaining({ method: 'GET', url: path }));
    expect(line.level).toBe(status >= 500 ? 50 : status >= 400 ? 40 : 30);
  });

  it('mints a request id when the caller sends none, and logs the one it answered with', async () => {
    const res = await fetch(`${hub.hubUrl}/v1/orders/1002/context`, {
      headers: { authorization: `Bearer ${KEYS.helpdesk}` },
    });
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await completed(id)).res.statusCode).toBe(200);
  });

  it('does not log health probes', async () => {
    const probe = 'log-health-probe';
    expect((await hub.get('/health/live', undefined, { 'x-request-id': probe })).status).toBe(200);
    expect((await hub.get('/health/ready', undefined, { 'x-request-id': `${probe}-2` })).status).toBe(200);
    // A request after the probes: once its line is written, the probes' lines would have been too.
    await hub.get('/v1/orders/1001/context', KEYS.helpdesk, { 'x-request-id': 'log-after-probe' });
    await completed('log-after-probe');
    expect(logs.lines.filter((l) => String(l.reqId).startsWith(probe))).toEqual([]);
    expect(logs.lines.filter((l) => String(l.req?.url).startsWith('/health'))).toEqual([]);
  });

  it('logs a 15,000-character URL as a bounded line, path only', async () => {
    const long = 'a'.repeat(15_000);
    const res = await fetch(`${hub.hubUrl}/health/live?q=${long}`, {
      headers: { 'x-request-id': 'log-long-q' },
    });
    expect(res.status).toBe(200);
    const id = 'log-long-path';
    await hub.get(`/v1/orders/${long}/context`, KEYS.helpdesk, { 'x-request-id': id });
    const line = await completed(id);
    expect(line.res.statusCode).toBeGreaterThanOrEqual(400);
    expect(JSON.stringify(line).length).toBeLessThan(10_000);
    expect(line.req.url).toMatch(/^\/v1\/orders\/a+/);
  });
});
