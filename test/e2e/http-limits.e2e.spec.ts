import { connect, type Socket } from 'node:net';
import { type Harness, KEYS, startHarness } from '../support/hub-harness';
import { captureLogs } from '../support/log-capture';

/**
 * Issue 10, defects 5 and 6: slow clients are cut off on deliberate timeouts, and every error,
 * also those raised before a request reaches a route, is problem+json with a request id. Inputs
 * that are too long are refused before any vendor is asked.
 */
describe('HTTP limits', () => {
  let hub: Harness;
  let port: number;
  const logs = captureLogs();
  const level = process.env.LOG_LEVEL;
  beforeAll(async () => {
    process.env.LOG_LEVEL = 'info';
    hub = await startHarness(
      (c) => {
        c.server.timeouts = { headersMs: 300, requestMs: 600, keepAliveMs: 300 };
      },
      { logStream: logs.stream },
    );
    port = Number(new URL(hub.hubUrl).port);
  });
  afterAll(async () => {
    await hub.close();
    if (level === undefined) delete process.env.LOG_LEVEL;
    else process.env.LOG_LEVEL = level;
  });

  /** A raw connection: what a trickling or broken client sends, byte by byte. */
  interface Raw {
    socket: Socket;
    /** Everything the server sent until it closed the connection. */
    closed: Promise<string>;
  }
  const open = () =>
    new Promise<Raw>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (received += chunk));
      const closed = new Promise<string>((done) => socket.on('close', () => done(received)));
      socket.once('connect', () => resolve({ socket, closed }));
      socket.once('error', reject);
    });
  /** Sends one byte every `everyMs` until the server closes the connection. */
  const trickle = (raw: Raw, text: string, everyMs: number) => {
    let i = 0;
    const timer = setInterval(() => {
      if (raw.socket.destroyed || raw.socket.writableEnded) return clearInterval(timer);
      raw.socket.write(text[i++ % text.length]);
    }, everyMs);
    void raw.closed.then(() => clearInterval(timer));
  };
  const parse = (response: string) => {
    const [head, body] = response.split('\r\n\r\n');
    const [statusLine, ...headers] = head.split('\r\n');
    const header = (name: string) =>
      headers
        .find((h) => h.toLowerCase().startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim();
    return { status: Number(statusLine.split(' ')[1]), header, body: JSON.parse(body) };
  };
  const expectProblem = (
    res: { status: number; header: (n: string) => string | undefined; body: any },
    status: number,
    code: string,
  ) => {
    expect(res.status).toBe(status);
    expect(res.header('content-type')).toMatch(/^application\/problem\+json/);
    const id = res.header('x-request-id');
    expect(id).toMatch(/^[\w.:-]{8,}$/);
    expect(res.body).toMatchObject({ status, code, requestId: id });
  };

  it('cuts off a client that trickles its request head, with 408', async () => {
    const raw = await open();
    raw.socket.write('GET /v1/orders/1001/context HTTP/1.1\r\nHost: hub\r\n');
    trickle(raw, 'X-Slow: aaaaaaaa', 50);
    const res = parse(await raw.closed);
    expectProblem(res, 408, 'request_timeout');
    const id = res.header('x-request-id');
    const line = await logs.waitFor((l) => l.reqId === id);
    expect(line).toMatchObject({ msg: 'request refused', res: { statusCode: 408 } });
    // One line per refused client: once a later request is logged, nothing more came for this one.
    await hub.get('/v1/orders/1001/context', KEYS.helpdesk, { 'x-request-id': 'after-trickle' });
    await logs.waitFor((l) => l.reqId === 'after-trickle' && l.msg === 'request completed');
    expect(logs.lines.filter((l) => l.msg === 'request refused' && l.res.statusCode !== 408)).toEqual([]);
  });

  it('cuts off a client that trickles its body, with 408', async () => {
    const raw = await open();
    raw.socket.write(
      'POST /v1/orders/1001/actions HTTP/1.1\r\nHost: hub\r\ncontent-type: application/json\r\n' +
        `authorization: Bearer ${KEYS.helpdesk}\r\nidempotency-key: slow-body-0001\r\ncontent-length: 1000\r\n\r\n{`,
    );
    trickle(raw, ' ', 50);
    const res = parse(await raw.closed);
    expectProblem(res, 408, 'request_timeout');
    // Its head had arrived: it is answered as itself, and its access line says so with the same id.
    const line = await logs.waitFor((l) => l.reqId === res.header('x-request-id'));
    expect(line).toMatchObject({
      msg: 'request completed',
      req: { method: 'POST', url: '/v1/orders/1001/actions' },
      res: { statusCode: 408 },
    });
    expect(line).not.toHaveProperty('aborted');
  });

  it('closes an idle keep-alive connection', async () => {
    const raw = await open();
    raw.socket.write('GET /health/live HTTP/1.1\r\nHost: hub\r\n\r\n');
    const response = await raw.closed;
    expect(response).toMatch(/^HTTP\/1\.1 200/);
    expect(response.toLowerCase()).toContain('keep-alive');
  });

  it('answers 70 KB of headers with a 431 problem and a request id', async () => {
    const raw = await open();
    raw.socket.write(
      `GET /v1/orders/1001/context HTTP/1.1\r\nHost: hub\r\nX-Big: ${'a'.repeat(70_000)}\r\n\r\n`,
    );
    expectProblem(parse(await raw.closed), 431, 'headers_too_large');
  });

  it('answers a request that is not HTTP with a 400 problem and a request id', async () => {
    const raw = await open();
    raw.socket.write('HELLO THERE\r\n\r\n');
    expectProblem(parse(await raw.closed), 400, 'invalid_request');
  });

  it('answers a URL too long for the router with a problem and a request id', async () => {
    const res = await fetch(`${hub.hubUrl}/v1/orders/${'1'.repeat(5_000)}/context`, {
      headers: { authorization: `Bearer ${KEYS.helpdesk}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { requestId: string; status: number };
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    expect(body.status).toBe(res.status);
  });

  /** Vendor calls the sandbox has counted so far, all vendors and operations together. */
  const vendorCalls = async () => {
    const stats = (await (await fetch(`${hub.sandboxUrl}/_sandbox/stats`)).json()) as {
      vendors: Record<string, { operations: Record<string, number> }>;
    };
    return Object.values(stats.vendors).reduce(
      (sum, v) => sum + Object.values(v.operations).reduce((a, b) => a + b, 0),
      0,
    );
  };
  const longEmail = `${'a'.repeat(10_000)}@example.com`;

  it.each([
    ['an email of 10,000 characters', `/v1/customers/context?email=${longEmail}`, KEYS.helpdesk, 'email'],
    [
      'an email of 255 characters',
      `/v1/customers/context?email=${'b'.repeat(243)}@example.com`,
      KEYS.helpdesk,
      'email',
    ],
    [
      'a phone of 33 characters',
      `/v1/customers/context?phone=%2B1${'%20'.repeat(21)}4155550123`,
      KEYS.helpdesk,
      'phone',
    ],
    [
      'an order number of 65 characters',
      `/v1/orders/${'1'.repeat(65)}/context`,
      KEYS.helpdesk,
      'orderNumber',
    ],
    [
      'a bot question with a long email',
      `/v1/shipments/status?orderNumber=1001&email=${longEmail}`,
      KEYS.bot,
      'email',
    ],
  ])('refuses %s with 400 before any vendor is asked', async (_, path, key, field) => {
    const before = await vendorCalls();
    const res = await hub.get(path, key);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'));
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await vendorCalls()).toBe(before);
  });

  it('refuses a note whose customer email is too long', async () => {
    const res = await hub.post(
      '/v1/orders/1001/actions',
      { type: 'note', text: 'hello', connector: 'hubspot', customerEmail: longEmail },
      KEYS.helpdesk,
      { 'idempotency-key': 'long-email-0001' },
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('customerEmail');
  });

  it('still takes inputs at the limits', async () => {
    // 32 characters as people type them: "+1 (415) 555-0123" with spaces to the limit.
    const typed = `+1 (415) 555-0123${' '.repeat(15)}`;
    expect(typed).toHaveLength(32);
    const phone = await hub.get(`/v1/customers/context?phone=${encodeURIComponent(typed)}`, KEYS.helpdesk);
    expect(phone.status).not.toBe(400);
    const email = await hub.get(`/v1/customers/context?email=${'c'.repeat(242)}@example.com`, KEYS.helpdesk);
    expect(email.status).not.toBe(400);
  });
});
