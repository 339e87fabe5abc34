import { randomUUID } from 'node:crypto';
import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/**
 * The ops console's doors over plain HTTP (docs/console.md): how a key signs in, what the
 * session cookie is and is not, and what a page refuses: no session, a key without the scope, a
 * form from elsewhere. The browser test (browser/console.e2e.spec.ts) walks the pages themselves.
 */
describe('ops console sessions and refusals (hub + sandbox over HTTP)', () => {
  let hub: Harness;
  const ROTATED = 'rotating-key-value-0001';
  const SECRET = 'a-console-session-secret-of-32-chars!';
  const LEAD = 'team-lead-key-0001';
  beforeAll(async () => {
    hub = await startHarness(
      (c) => {
        c.actions.reconcileIntervalMs = 0;
        c.console.sessionSecret = SECRET;
        c.apiKeys.push({ name: 'reader', key: 'tasks-reader-key-0001', scopes: ['tasks:read'] });
        c.apiKeys.push({ name: 'rotating', key: ROTATED, scopes: ['tasks:write'] });
        // Asks for refunds and works tasks: its own refunds above 10 USD wait for someone else.
        c.apiKeys.push({
          name: 'lead',
          key: LEAD,
          scopes: ['actions:write', 'tasks:write'],
          refundLimit: { USD: '10.00' },
        });
      },
      { only: ['shopify'] },
    );
  });
  afterAll(() => hub.close());

  const at = (path: string) => `${hub.hubUrl}${path}`;
  const get = (path: string, cookie?: string, headers: Record<string, string> = {}) =>
    fetch(at(path), { redirect: 'manual', headers: { ...(cookie ? { cookie } : {}), ...headers } });
  const post = (
    path: string,
    form: Record<string, string>,
    cookie?: string,
    headers: Record<string, string> = {},
  ) =>
    fetch(at(path), {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        ...(cookie ? { cookie } : {}),
        ...headers,
      },
      body: new URLSearchParams(form).toString(),
    });

  /** Signs in; the cookie to send back, and the form token the pages carry. */
  async function signIn(key: string, person?: string): Promise<{ cookie: string; csrf: string }> {
    const res = await post('/console/sign-in', { key, ...(person ? { person } : {}) });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie')!.split(';')[0];
    const page = await (await get('/console/tasks', cookie)).text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(page)![1];
    return { cookie, csrf };
  }
  const heldRefund = async (): Promise<string> => {
    const res = await hub.post(
      '/v1/orders/1001/actions',
      { type: 'refund', amount: { amount: '150.00', currency: 'USD' } },
      KEYS.helpdesk,
      { 'idempotency-key': randomUUID() },
    );
    return res.body.taskId as string;
  };

  it('sends a browser without a session to sign in, keeping where it was going (console pages only)', async () => {
    const res = await get('/console/tasks?status=open');
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/console/sign-in?next=%2Fconsole%2Ftasks%3Fstatus%3Dopen');
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'.*frame-ancestors 'none'/);

    const signedIn = await post('/console/sign-in', {
      key: KEYS.backoffice,
      next: '/console/tasks?status=open',
    });
    expect(signedIn.headers.get('location')).toBe('/console/tasks?status=open');
    for (const next of [
      '//evil.example/console',
      'https://evil.example/',
      '/console/../v1/tasks',
      '/v1/tasks',
    ]) {
      const res = await post('/console/sign-in', { key: KEYS.backoffice, next });
      expect([next, res.headers.get('location')]).toEqual([next, '/console']);
    }
  });

  it('keeps the key out of the cookie: sealed, HttpOnly, SameSite=Strict, only for /console, Secure behind TLS', async () => {
    const res = await post('/console/sign-in', { key: KEYS.admin, person: 'Dana' });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(
      /^hub_console=[\w-]{60,}; Path=\/console; Max-Age=28800; HttpOnly; SameSite=Strict$/,
    );
    expect(cookie).not.toContain(KEYS.admin);
    expect(cookie).not.toContain('Dana');
    const tls = await post('/console/sign-in', { key: KEYS.admin }, undefined, {
      'x-forwarded-proto': 'https',
    });
    expect(tls.headers.get('set-cookie')).toMatch(/; Secure$/);

    const session = cookie.split(';')[0];
    expect((await get('/console/audit', session)).status).toBe(200);
    // A changed cookie is no session.
    const forged = session.slice(0, -4) + (session.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    expect((await get('/console/audit', forged)).headers.get('location')).toMatch(/^\/console\/sign-in/);
  });

  it('refuses an unknown key (401) and a key that opens no page (403), and audits each attempt', async () => {
    const wrong = await post('/console/sign-in', { key: 'nobody-knows-this-key' });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect(await wrong.text()).toContain('That API key is not known to this hub.');
    const bot = await post('/console/sign-in', { key: KEYS.bot });
    expect(bot.status).toBe(403);
    expect(await bot.text()).toContain('opens no console page');
    expect((await post('/console/sign-in', {})).status).toBe(400);
    // A sign-in form sent from another site (it would sign this browser in with another key).
    const foreign = await post('/console/sign-in', { key: KEYS.admin }, undefined, {
      'sec-fetch-site': 'cross-site',
    });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();

    const audit = await hub.get('/v1/audit?route=/console/sign-in&limit=50', KEYS.admin);
    const outcomes = audit.body.events.map((e: { apiKey?: string; status: number }) => [
      e.apiKey ?? null,
      e.status,
    ]);
    expect(outcomes).toEqual(
      expect.arrayContaining([
        [null, 401],
        ['demo-bot', 403],
        [null, 400],
      ]),
    );
  });

  it('counts sign-in tries per key tried: one key guessed again and again stops, others still sign in', async () => {
    const guess = 'a-guess-' + randomUUID();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await post('/console/sign-in', { key: guess })).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const limited = await post('/console/sign-in', { key: guess });
    expect(limited.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await limited.text()).toContain('a key tried at sign-in) may make 30 requests per 60 s');
    expect((await post('/console/sign-in', { key: KEYS.admin })).status).toBe(303);
  });

  it("shows each key only its scopes' pages, and refuses the rest with a page saying which scope", async () => {
    const helpdesk = await signIn(KEYS.helpdesk);
    const nav = await (await get('/console/tasks', helpdesk.cookie)).text();
    expect([...nav.matchAll(/<li><a href="([^"]+)"/g)].map((m) => m[1])).toEqual([
      '/console/tasks',
      '/console/actions',
    ]);
    const audit = await get('/console/audit', helpdesk.cookie);
    expect(audit.status).toBe(403);
    expect(audit.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await audit.text()).toContain('lacks the scope admin');
    // /console opens the first page the key may see instead of interfaces it may not read.
    expect((await get('/console', helpdesk.cookie)).headers.get('location')).toBe('/console/tasks');

    // tasks:read shows a task without its forms, and refuses a claim posted anyway.
    const id = await heldRefund();
    const reader = await signIn('tasks-reader-key-0001');
    const page = await (await get(`/console/tasks/${id}`, reader.cookie)).text();
    expect(page).toContain('cannot claim or resolve them');
    // Where the action stands, not what was asked: the reader may not read the action itself.
    expect(page).toContain('With a person');
    expect(page).not.toContain('class="param"');
    expect(await (await get(`/console/tasks/${id}`, helpdesk.cookie)).text()).toContain('class="param"');
    expect(page).not.toContain('/claim"');
    const claim = await post(`/console/tasks/${id}/claim`, { csrf: reader.csrf }, reader.cookie);
    expect(claim.status).toBe(403);
    expect(await claim.text()).toContain('lacks the scope tasks:write');
  });

  it("refuses a form without the session's token, or sent from another site", async () => {
    const id = await heldRefund();
    const office = await signIn(KEYS.backoffice, 'Dana');
    for (const [form, headers] of [
      [{}, {}],
      [{ csrf: 'x'.repeat(32) }, {}],
      [{ csrf: office.csrf }, { 'sec-fetch-site': 'cross-site' }],
      [{ csrf: office.csrf }, { 'sec-fetch-site': 'same-site' }],
    ] as const) {
      const res = await post(`/console/tasks/${id}/claim`, form, office.cookie, headers);
      expect(res.status).toBe(403);
      expect(await res.text()).toContain('not from your current console session');
    }
    // Another session's token is not this one's.
    const other = await signIn(KEYS.backoffice, 'Eve');
    expect((await post(`/console/tasks/${id}/claim`, { csrf: other.csrf }, office.cookie)).status).toBe(403);
    expect((await hub.get(`/v1/tasks/${id}`, KEYS.backoffice)).body.status).toBe('open');

    const ok = await post(`/console/tasks/${id}/claim`, { csrf: office.csrf }, office.cookie, {
      'sec-fetch-site': 'same-origin',
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/console/tasks/${id}?done=claimed`);
    expect((await hub.get(`/v1/tasks/${id}`, KEYS.backoffice)).body).toMatchObject({
      status: 'claimed',
      claimedBy: 'Dana',
      claimedKey: 'demo-backoffice',
    });
    const audit = await hub.get(
      `/v1/audit?apiKey=demo-backoffice&route=/console/tasks/:id/claim`,
      KEYS.admin,
    );
    expect(audit.body.events[0]).toMatchObject({
      method: 'POST',
      status: 303,
      subjectType: 'task',
      subject: id,
    });
  });

  it('says on the task page why a resolution was refused, with the API status', async () => {
    const id = await heldRefund();
    const office = await signIn(KEYS.backoffice, 'Dana');
    const none = await post(`/console/tasks/${id}/resolve`, { csrf: office.csrf }, office.cookie);
    expect(none.status).toBe(400);
    expect(await none.text()).toMatch(/role="alert"><p>outcome: choose an outcome<\/p>/);
    const wrong = await post(
      `/console/tasks/${id}/resolve`,
      { csrf: office.csrf, outcome: 'done' },
      office.cookie,
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain('A refund_approval task resolves as approved or rejected.');
    // The key that asked for a refund may not approve it: 403 self_approval, on the page.
    const own = await hub.post(
      '/v1/orders/1001/actions',
      { type: 'refund', amount: { amount: '20.00', currency: 'USD' } },
      LEAD,
      { 'idempotency-key': randomUUID() },
    );
    const lead = await signIn(LEAD);
    const self = await post(
      `/console/tasks/${own.body.taskId}/resolve`,
      { csrf: lead.csrf, outcome: 'approved' },
      lead.cookie,
    );
    expect(self.status).toBe(403);
    expect(await self.text()).toContain(
      'API key &quot;lead&quot; requested this refund and cannot approve it.',
    );
    expect((await hub.get(`/v1/tasks/${own.body.taskId}`, KEYS.backoffice)).body.status).toBe('open');
    const claimed = await hub.post('/v1/tasks/' + id + '/claim', { by: 'Sam' }, KEYS.admin);
    expect(claimed.status).toBe(200);
    const taken = await post(
      `/console/tasks/${id}/resolve`,
      { csrf: office.csrf, outcome: 'rejected' },
      office.cookie,
    );
    expect(taken.status).toBe(409);
    expect(await taken.text()).toContain('claimed by Sam');
    const missing = await get(`/console/tasks/${randomUUID()}`, office.cookie);
    expect(missing.status).toBe(404);
    expect((await get('/console/tasks/not-a-uuid', office.cookie)).status).toBe(400);
  });

  it('lets any process open a session, and ends it on sign-out or when its key is rotated, for every process', async () => {
    const office = await signIn(KEYS.backoffice, 'Dana');
    const rotating = await signIn(ROTATED);
    // A second process: the same Redis, the same session secret, the rotating key with a new value.
    const second = await startHarness(
      (c) => {
        c.redis.keyPrefix = hub.config.redis.keyPrefix;
        c.console.sessionSecret = SECRET;
        c.apiKeys.push({ name: 'rotating', key: 'rotated-key-value-0002', scopes: ['tasks:write'] });
      },
      { only: ['shopify'] },
    );
    const there = (cookie: string) =>
      fetch(`${second.hubUrl}/console/tasks`, { redirect: 'manual', headers: { cookie } });
    try {
      expect((await there(office.cookie)).status).toBe(200);
      expect((await there(rotating.cookie)).status).toBe(303);
      expect((await get('/console/tasks', rotating.cookie)).status).toBe(200);

      const out = await post('/console/sign-out', { csrf: office.csrf }, office.cookie);
      expect(out.headers.get('location')).toBe('/console/sign-in?signedOut=1');
      expect(out.headers.get('set-cookie')).toBe(
        'hub_console=; Path=/console; Max-Age=0; HttpOnly; SameSite=Strict',
      );
      expect((await get('/console/tasks', office.cookie)).status).toBe(303);
      expect((await there(office.cookie)).status).toBe(303);
    } finally {
      await second.close();
    }
  });
});
