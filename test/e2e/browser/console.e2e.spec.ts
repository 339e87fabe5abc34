import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { type Harness, KEYS, quickActions, startHarness, until } from '../../support/hub-harness';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const PHONE = { width: 375, height: 800 };

/**
 * The ops console (/console, docs/console.md) in a real Chromium at phone width: a person signs in
 * with an API key, works the manual-backup tasks an outage left, and sees the actions end the way
 * they decided. Every page is checked by axe-core for WCAG 2.1 AA and for nothing cut off sideways.
 */
describe('ops console (/console) in Chromium', () => {
  let hub: Harness;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startHarness((c) => {
      quickActions(c, 3);
      c.actions.callTimeoutMs = 2_000;
    });
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });
  afterEach(() => hub.resetFaults());

  const refund = (order: number, amount: string) =>
    hub.post(
      `/v1/orders/${order}/actions`,
      { type: 'refund', amount: { amount, currency: 'USD' } },
      KEYS.helpdesk,
      { 'idempotency-key': randomUUID() },
    );
  /** Paid in one card payment of at least 200 USD, nothing refunded yet: a 150 USD refund can run. */
  const bigPaidOrders = () =>
    hub.world.orders.filter(
      (o) =>
        !o.omsMissing &&
        !o.cancellation &&
        o.refunds.length === 0 &&
        o.currency === 'USD' &&
        o.payments.length === 1 &&
        o.payments[0].outcome === 'succeeded' &&
        o.payments[0].capture === 'automatic' &&
        !o.payments[0].dispute &&
        o.payments[0].amount >= 200_00,
    );
  const action = async (id: string) => (await hub.get(`/v1/actions/${id}`, KEYS.helpdesk)).body;

  /** A fresh browser (no cookies) signed in with the key, as the person named. */
  async function signIn(key: string, person?: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${hub.hubUrl}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await page.getByLabel('API key').fill(key);
    if (person) await page.getByLabel(/Your name/).fill(person);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname !== '/console/sign-in');
    return { context, page };
  }

  async function violations(page: Page): Promise<{ id: string; help: string; nodes: string[][] }[]> {
    // Through the DevTools protocol, which the page's CSP (no scripts at all) does not govern.
    await page.evaluate(AXE);
    return page.evaluate(
      `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
        .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target) })))`,
    );
  }
  /** Clicks a form's button and waits for the page it leads to (post, redirect, get). */
  async function submit(page: Page, button: string, arrivesAt: string): Promise<void> {
    await Promise.all([
      page.waitForURL((url) => url.href.includes(arrivesAt)),
      page.getByRole('button', { name: button }).click(),
    ]);
  }
  const widths = (page: Page) =>
    page.evaluate('[document.documentElement.scrollWidth, document.documentElement.clientWidth]');

  it('an outage turns a refund into a task; Dana claims and resolves it; the action shows the outcome', async () => {
    // Shopify fails every call: the refund's attempts run out and it becomes a task.
    await hub.fault('shopify', { errorRate: 1 });
    const requested = await refund(1002, '20.00');
    expect(requested.status).toBe(202);
    const manual = await until(
      () => action(requested.body.id),
      (a) => a.status === 'manual',
    );
    expect(manual).toMatchObject({ status: 'manual', taskId: expect.any(String) });
    // An agent looking at the order meanwhile: Shopify cannot answer it either.
    const read = await hub.get('/v1/orders/1002/context', KEYS.helpdesk);
    expect(read.body.sources).toContainEqual(
      expect.objectContaining({ system: 'oms', status: 'unavailable' }),
    );
    await hub.resetFaults();

    const { context, page } = await signIn(KEYS.backoffice, 'Dana');
    // The key was typed into a form: it is in no address, no script-readable cookie, no storage.
    expect(page.url()).not.toContain(KEYS.backoffice);
    expect(await page.evaluate('[document.cookie, localStorage.length, sessionStorage.length]')).toEqual([
      '',
      0,
      0,
    ]);
    expect((await context.cookies()).map((c) => [c.name, c.httpOnly, c.sameSite, c.path])).toEqual([
      ['hub_console', true, 'Strict', '/console'],
    ]);

    // The interfaces page: Shopify's last error and where to look things up by hand.
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Interfaces');
    const shopify = page.getByRole('article', { name: /^shopify/ });
    expect(await shopify.innerText()).toMatch(/Last error\s+upstream_unavailable/);
    // The steps are open already when the interface is down; a person opens them otherwise.
    const details = shopify.locator('details');
    if (!(await details.evaluate((d) => (d as unknown as { open: boolean }).open))) {
      await details.locator('summary').click();
    }
    expect(await shopify.getByRole('link', { name: "Open shopify's admin" }).getAttribute('href')).toMatch(
      /^https:\/\/admin\.shopify\.com\//,
    );

    await page.getByRole('link', { name: 'Tasks', exact: true }).click();
    await page
      .getByRole('link', { name: /order #1002/ })
      .first()
      .click();
    expect(new URL(page.url()).pathname).toBe(`/console/tasks/${manual.taskId}`);
    expect(await page.locator('.badges').innerText()).toMatch(/Open\s+Action failed/);
    expect(await page.getByRole('region', { name: 'What happened' }).innerText()).toMatch(
      /upstream_unavailable/,
    );

    await submit(page, 'Claim as Dana', 'done=claimed');
    expect(await page.getByRole('status').innerText()).toMatch(/You claimed this task/);
    expect(await page.locator('.badges').innerText()).toMatch(/Claimed/);
    // A reload asks for the page again; it does not send the form again (post, redirect, get).
    const [again] = await Promise.all([page.waitForRequest((r) => r.isNavigationRequest()), page.reload()]);
    expect(again.method()).toBe('GET');

    await page.getByLabel('Done by hand').check();
    await page.getByLabel(/^Note/).fill('Refunded 20.00 in Shopify admin');
    await submit(page, 'Resolve as Dana', 'done=resolved');
    expect(await page.getByRole('status').innerText()).toMatch(/Resolved/);
    const card = page.getByRole('article', { name: /refund on order 1002/ });
    expect(await card.locator('.badge').innerText()).toBe('Succeeded');
    expect(await card.locator('.outcome').innerText()).toMatch(
      /^Done by hand by Dana, .* ago: “Refunded 20.00 in Shopify admin”$/,
    );
    expect(await page.getByRole('button', { name: /Resolve|Claim/ }).count()).toBe(0);

    // The API tells whoever asked for the refund the same.
    expect(await action(requested.body.id)).toMatchObject({
      status: 'succeeded',
      resolution: { by: 'Dana', outcome: 'done', note: 'Refunded 20.00 in Shopify admin' },
    });
    await context.close();

    // The helpdesk key that asked sees it among its actions in the console too.
    const helpdesk = await signIn(KEYS.helpdesk);
    expect(new URL(helpdesk.page.url()).pathname).toBe('/console/tasks');
    await helpdesk.page.getByRole('link', { name: 'Actions', exact: true }).click();
    const mine = helpdesk.page.getByRole('article', { name: 'refund on order 1002' }).first();
    expect(await mine.innerText()).toMatch(/Succeeded[\s\S]*Done by hand by Dana/);
    await helpdesk.context.close();
  });

  it('holds a refund above the key limit until someone else approves it; then it runs', async () => {
    const order = bigPaidOrders()[0];
    const requested = await refund(Number(order.number), '150.00');
    expect(requested.body).toMatchObject({ status: 'manual', taskId: expect.any(String) });

    const { context, page } = await signIn(KEYS.backoffice, 'Lee');
    await page.goto(`${hub.hubUrl}/console/tasks/${requested.body.taskId}`);
    expect(await page.locator('.badges').innerText()).toMatch(/Refund waits for approval/);
    await page.getByLabel('Approve: the hub carries it out').check();
    await submit(page, 'Resolve as Lee', 'done=resolved');
    expect(await page.getByRole('status').innerText()).toMatch(/Resolved/);
    // Approved, the refund goes to the vendor through the queue; the page shows where it got to.
    const done = await until(
      () => action(requested.body.id),
      (a) => a.status === 'succeeded',
      15_000,
    );
    expect(done).toMatchObject({ status: 'succeeded', result: { externalId: expect.any(String) } });
    await page.reload();
    expect(await page.getByRole('region', { name: 'What happened' }).innerText()).toMatch(
      /Approve: the hub carries it out by Lee/,
    );
    const card = page.getByRole('article', { name: `refund on order ${order.number}` });
    expect(await card.locator('.badge').innerText()).toBe('Succeeded');
    expect(await card.innerText()).toContain(done.result.summary);
    await context.close();
  });

  it('refuses a second person over a claim, and lets an admin resolve over it, saying so', async () => {
    const requested = await refund(1003, '150.00');
    const taskId = requested.body.taskId as string;
    const first = await signIn(KEYS.backoffice, 'Kim');
    await first.page.goto(`${hub.hubUrl}/console/tasks/${taskId}`);
    await submit(first.page, 'Claim as Kim', 'done=claimed');
    await first.context.close();

    const other = await signIn(KEYS.backoffice, 'Ray');
    await other.page.goto(`${hub.hubUrl}/console/tasks/${taskId}`);
    expect(await other.page.locator('main').innerText()).toContain(
      'Kim holds this task; only they can resolve it',
    );
    expect(await other.page.getByRole('button', { name: /Resolve/ }).count()).toBe(0);
    await other.context.close();

    const admin = await signIn(KEYS.admin, 'Ops lead');
    await admin.page.goto(`${hub.hubUrl}/console/tasks/${taskId}`);
    await admin.page.getByLabel('Reject: nothing is done').check();
    // The override is a required box: the browser does not send the form without it ticked.
    expect(await admin.page.evaluate("document.getElementById('override').validity.valueMissing")).toBe(true);
    await admin.page.getByLabel("Resolve over Kim's claim (admin)").check();
    await submit(admin.page, 'Resolve as Ops lead', 'done=resolved');
    expect(await admin.page.getByRole('status').innerText()).toMatch(/Resolved/);
    expect(await admin.page.getByRole('region', { name: 'What happened' }).innerText()).toMatch(
      /Reject: nothing is done by Ops lead, .* \(over the claim\)/,
    );

    // The audit trail, for admins: the override, named, with whose claim it was.
    await admin.page.getByRole('link', { name: 'Audit trail' }).click();
    await admin.page.getByLabel('Outcome', { exact: true }).fill('claim_overridden');
    await submit(admin.page, 'Filter', 'outcome=claim_overridden');
    const rows = admin.page.locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().innerText()).toMatch(
      /demo-admin[\s\S]*POST \/console\/tasks\/:id\/resolve[\s\S]*task [\da-f-]{36}[\s\S]*303 claim_overridden[\s\S]*over the claim of Kim \(API key demo-backoffice\)/,
    );
    await admin.context.close();
  });

  it('shows a wrong key on the sign-in page, and signing out ends the session', async () => {
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(`${hub.hubUrl}/console/tasks`);
    await page.getByLabel('API key').fill('not-a-key-at-all');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect((await refused).status()).toBe(401);
    await page.waitForLoadState();
    expect(await page.getByRole('alert').innerText()).toBe('That API key is not known to this hub.');
    expect(await context.cookies()).toEqual([]);
    await page.getByLabel('API key').fill(KEYS.backoffice);
    await submit(page, 'Sign in', '/console/tasks');
    // Back where the person was going.
    expect(new URL(page.url()).pathname).toBe('/console/tasks');
    const [session] = await context.cookies();

    await submit(page, 'Sign out', 'signedOut=1');
    expect(await page.getByRole('status').innerText()).toBe('You are signed out.');
    expect(await context.cookies()).toEqual([]);
    // The old cookie, kept by someone, no longer opens anything.
    await context.addCookies([session]);
    await page.goto(`${hub.hubUrl}/console/tasks`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    await context.close();
  });

  it('every page is readable at 375 px and has no WCAG 2.1 AA violations axe-core can find', async () => {
    const held = await refund(1004, '150.00');
    const anon = await browser.newPage({ viewport: PHONE });
    await anon.goto(`${hub.hubUrl}/console/sign-in`);
    expect(await violations(anon)).toEqual([]);
    expect(await widths(anon)).toEqual([375, 375]);
    await anon.close();

    const { context, page } = await signIn(KEYS.admin, 'Axe');
    for (const path of [
      '/console',
      '/console/tasks',
      `/console/tasks/${held.body.taskId}`,
      '/console/tasks?status=resolved',
      '/console/actions',
      `/console/actions/${held.body.id}`,
      '/console/audit',
    ]) {
      await page.goto(`${hub.hubUrl}${path}`);
      expect([path, await violations(page)]).toEqual([path, []]);
      expect([path, await widths(page)]).toEqual([path, [375, 375]]);
    }
    // By keyboard: the first Tab reaches the skip link, which moves focus to the page's content.
    await page.goto(`${hub.hubUrl}/console`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate('document.activeElement.id')).toBe('main');
    await context.close();
  });
});
