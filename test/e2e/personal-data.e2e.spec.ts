import { type Harness, KEYS, startHarness, until } from '../support/hub-harness';

/**
 * Personal data by scope (issue 5, part 2): logs never hold emails, phones, addresses, tokens or
 * keys, and secrets never appear in /v1/interfaces, errors or metrics, even while vendors fail.
 */
describe('personal data and secrets stay out of logs, errors and metrics', () => {
  let hub: Harness;
  const lines: string[] = [];
  const level = process.env.LOG_LEVEL;
  beforeAll(async () => {
    process.env.LOG_LEVEL = 'debug';
    hub = await startHarness(
      (c) => {
        c.actions.attempts = 1;
        c.actions.reconcileIntervalMs = 0;
      },
      { logStream: { write: (line: string) => void lines.push(line) } },
    );
  });
  afterAll(async () => {
    await hub.close();
    process.env.LOG_LEVEL = level;
  });

  /** Every secret the config holds: vendor credentials and the API keys themselves. */
  const secrets = () => {
    const values: string[] = hub.config.apiKeys.map((k) => k.key);
    for (const section of Object.values(hub.config.connectors)) {
      for (const [name, value] of Object.entries(section)) {
        if (/token|secret|key|password/i.test(name) && typeof value === 'string') values.push(value);
      }
    }
    return values;
  };
  /** What the world knows about people: emails, phones, street addresses, names. */
  const personal = () =>
    hub.world.customers.flatMap((c) => [c.email, c.phone, c.address.line1, `${c.firstName} ${c.lastName}`]);
  const leaks = (text: string, values: string[]) => values.filter((v) => v.length >= 6 && text.includes(v));

  it('logs a busy session, with vendors failing, without any of it', async () => {
    const customer = hub.world.customers[1];
    for (const n of [1001, 1002, 1003, 1036, 1037]) await hub.get(`/v1/orders/${n}/context`, KEYS.helpdesk);
    await hub.get(`/v1/customers/context?email=${encodeURIComponent(customer.email)}`, KEYS.helpdesk);
    await hub.get(`/v1/customers/context?phone=${encodeURIComponent(customer.phone)}`, KEYS.helpdesk);
    await hub.get(
      `/v1/shipments/status?orderNumber=1001&email=${encodeURIComponent(customer.email)}`,
      KEYS.bot,
    );
    const note = await hub.post(
      '/v1/orders/1002/actions',
      {
        type: 'note',
        text: `Call back on ${customer.phone} or write to ${customer.email}`,
        connector: 'hubspot',
        customerEmail: customer.email,
      },
      KEYS.helpdesk,
      { 'idempotency-key': 'pii-note-00001' },
    );
    await hub.fault('hubspot', { errorRate: 1 });
    await hub.fault('stripe', { malformedRate: 1 });
    await hub.fault('zendesk', { down: true });
    for (const n of [1004, 1005]) await hub.get(`/v1/orders/${n}/context`, KEYS.helpdesk);
    await hub.get(`/v1/customers/context?email=${encodeURIComponent(customer.email)}`, KEYS.helpdesk);
    await hub.get('/v1/orders/1001/context', 'not-a-real-key-but-long');
    await hub.resetFaults();
    // The note's last log line (it ran, or went to a person) proves its lines are all in.
    expect(note.status).toBe(202);
    const ended = new RegExp(`action ${note.body.id} \\(note #1002\\) (succeeded|handed to a person)`);
    const log = await until(
      async () => lines.join(''),
      (text) => ended.test(text),
      10_000,
    );
    expect(log).toMatch(ended);
    expect(lines.length).toBeGreaterThan(20);
    expect(log).toContain('"msg"');
    expect(leaks(log, personal())).toEqual([]);
    expect(leaks(log, secrets())).toEqual([]);
    expect(log).not.toMatch(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/);
    expect(log).not.toContain('not-a-real-key-but-long');
  });

  it('keeps secrets out of /v1/interfaces, /metrics and error answers', async () => {
    await hub.fault('shopify', { errorRate: 1 });
    await hub.fault('easypost', { down: true });
    const answers = [
      await hub.get('/v1/orders/1006/context', KEYS.helpdesk),
      await hub.get('/v1/interfaces', KEYS.admin),
      await hub.get('/metrics', KEYS.admin),
      await hub.get('/v1/orders/1001/context', 'wrong-key-but-long-enough'),
      await hub.get('/v1/orders/99999/context', KEYS.helpdesk),
      await hub.get('/v1/customers/context?email=nobody@example.org', KEYS.helpdesk),
    ];
    await hub.resetFaults();
    const text = answers.map((a) => JSON.stringify(a.body)).join('\n');
    expect(leaks(text, secrets())).toEqual([]);
    expect(text).not.toContain('wrong-key-but-long-enough');
  });
});
