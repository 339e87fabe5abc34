import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { unzipSync } from 'fflate';
import { type Browser, type Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { type Harness, KEYS, startHarness, until } from '../../support/hub-harness';
import { installZafStandIn, type ZafStandIn, ZENDESK_APP_ORIGIN } from '../../support/zaf-stand-in';

const run = promisify(execFile);
const ROOT = join(__dirname, '../../..');

/**
 * The Zendesk sidebar app as Zendesk would run it: the zip `npm run package:zendesk` builds, in a
 * real headless Chromium, with a stand-in for the ZAF client whose proxy forwards to a live hub on
 * the sandbox (docs/doors/zendesk.md).
 */
describe('Zendesk sidebar app (apps/zendesk) in Chromium', () => {
  let hub: Harness;
  let browser: Browser;
  let dir: string;
  let files: Map<string, Uint8Array>;
  let packOutput: string;

  beforeAll(async () => {
    hub = await startHarness();
    browser = await launchBrowser();
    dir = mkdtempSync(join(tmpdir(), 'zendesk-app-'));
    const zip = join(dir, 'app.zip');
    const { stderr } = await run(process.execPath, [
      join(ROOT, 'scripts/package-zendesk.js'),
      '--hub-url',
      hub.hubUrl,
      '--out',
      zip,
    ]);
    packOutput = stderr;
    files = new Map(Object.entries(unzipSync(readFileSync(zip))));
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => hub.resetFaults());

  const text = (name: string) => Buffer.from(files.get(name)!).toString('utf8');

  /** The app open on a ticket whose requester has `email`, with the app's settings as installed. */
  async function openApp(
    email: string | undefined,
    key = KEYS.helpdesk,
  ): Promise<{ page: Page; zaf: ZafStandIn }> {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    const zaf = await installZafStandIn(
      page,
      { files, settings: { hubUrl: hub.hubUrl }, secureSettings: { hubApiKey: key } },
      { email },
    );
    await page.goto(`${ZENDESK_APP_ORIGIN}/assets/iframe.html`);
    await page.waitForSelector('context-card article[aria-busy="false"]');
    return { page, zaf };
  }

  it('packs what Zendesk needs: a ticket-sidebar manifest for this hub, its files, and a secure key setting', () => {
    const manifest = JSON.parse(text('manifest.json'));
    expect(manifest.location.support.ticket_sidebar.url).toBe('assets/iframe.html');
    expect(manifest.domainWhitelist).toEqual([new URL(hub.hubUrl).hostname]);
    expect(manifest.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'hubUrl', type: 'url', default: hub.hubUrl }),
        expect.objectContaining({ name: 'hubApiKey', secure: true, scopes: ['header'] }),
      ]),
    );
    // Every file the page loads is in the zip (the ZAF SDK comes from Zendesk's CDN).
    const page = text('assets/iframe.html');
    const loaded = [...page.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    for (const file of loaded.filter((f) => !f.startsWith('https://'))) {
      expect(files.has(`assets/${file}`)).toBe(true);
    }
    // The card is the one the hub serves, byte for byte.
    expect(text('assets/context-card.js')).toBe(
      readFileSync(join(ROOT, 'apps/card/context-card.js'), 'utf8'),
    );
    expect(JSON.parse(text('translations/en.json')).app.parameters.hubApiKey.label).toBeTruthy();
    expect(packOutput).toContain('assets/main.js');
  });

  it('refuses to package for a hub URL Zendesk could not call, saying why', async () => {
    const script = join(ROOT, 'scripts/package-zendesk.js');
    const out = join(dir, 'refused.zip');
    await expect(
      run(process.execPath, [script, '--hub-url', 'ftp://hub.example.com', '--out', out]),
    ).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('--hub-url must be http(s)'),
    });
    const { HUB_PUBLIC_URL: _unset, ...env } = process.env;
    await expect(run(process.execPath, [script, '--out', out], { env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining("give the hub's public address"),
    });
    await expect(run(process.execPath, [script, '--hub'])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('unknown option --hub'),
    });
  });

  it("shows order 1037's delivery exception and the escalation for its requester, asking through Zendesk's proxy with the key's placeholder", async () => {
    const { page, zaf } = await openApp('benjamin.carter@example.com');
    const escalate = page.locator('context-card .cc-escalate');
    await expect(escalate.getAttribute('role')).resolves.toBe('alert');
    expect(await escalate.innerText()).toMatch(/Escalate[\s\S]*Order 1037: .*delivery exception/);
    const flags = await page.locator('context-card .cc-flags').innerText();
    expect(flags).toMatch(/Critical\s+Order 1037: .*delivery exception/);
    const orders = await page.locator('context-card .cc-orders').innerText();
    expect(orders).toContain('Order #1037');
    expect(orders).toMatch(/Exception/);
    // What the playbooks let the agent offer for it, the decision every channel gets.
    expect(orders).toMatch(
      /Where is my order\? \(lost-in-transit\): reship · refund \$74\.91 \(approval\) · escalate to carrier-claims/,
    );
    expect(await page.locator('context-card .cc-cases').innerText()).toContain('Parcel lost: order #1037');
    // The app asked through Zendesk's proxy with the placeholder; the key itself never reached the page.
    expect(zaf.requests).toHaveLength(1);
    expect(zaf.requests[0]).toMatchObject({
      type: 'GET',
      secure: true,
      cors: false,
      headers: { Authorization: 'Bearer {{setting.hubApiKey}}' },
    });
    expect(zaf.requests[0].url).toBe(
      `${hub.hubUrl}/v1/customers/context?notFound=empty&email=benjamin.carter%40example.com`,
    );
    expect(zaf.invoked.some(([name]) => name === 'resize')).toBe(true);
    await page.close();
  });

  it("with a system down, shows its 'check by hand' instructions from the hub", async () => {
    await hub.clearLastGood();
    await hub.fault('hubspot', { errorRate: 1 });
    const direct = await hub.get('/v1/customers/context?email=alice.martin@example.com', KEYS.helpdesk);
    const hubspot = direct.body.sources.find((s: { connector: string }) => s.connector === 'hubspot');
    expect(hubspot.status).toBe('unavailable');
    await hub.clearLastGood();

    const { page } = await openApp('alice.martin@example.com');
    const byHand = await page.locator('context-card .cc-byhand').innerText();
    expect(byHand).toContain('hubspot');
    expect(byHand).toContain(hubspot.fallback.instructions);
    await page.close();
  });

  it('follows the requester when it changes on the ticket', async () => {
    const { page, zaf } = await openApp('benjamin.carter@example.com');
    expect(await page.locator('context-card .cc-h2').innerText()).toBe('Benjamin Carter');
    await zaf.changeRequester('alice.martin@example.com');
    await page.waitForFunction(
      "document.querySelector('context-card .cc-h2')?.textContent !== 'Benjamin Carter'",
    );
    expect(await page.locator('context-card .cc-h2').innerText()).toBe('Alice Martin');
    expect(zaf.requests.map((r) => new URL(r.url).searchParams.get('email'))).toEqual([
      'benjamin.carter@example.com',
      'alice.martin@example.com',
    ]);
    await page.close();
  });

  it("keeps the new requester's card when the old requester's answer comes last", async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 800 } });
    const zaf = await installZafStandIn(
      page,
      { files, settings: { hubUrl: hub.hubUrl }, secureSettings: { hubApiKey: KEYS.helpdesk } },
      { email: 'benjamin.carter@example.com' },
    );
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    zaf.hold = (request) => (request.url.includes('benjamin') ? slow : undefined);
    await page.goto(`${ZENDESK_APP_ORIGIN}/assets/iframe.html`);
    await page.waitForFunction(
      "document.querySelector('context-card')?.textContent.includes('Looking up benjamin')",
    );
    await zaf.changeRequester('alice.martin@example.com');
    await page.waitForFunction(
      "document.querySelector('context-card .cc-h2')?.textContent === 'Alice Martin'",
    );
    // Benjamin's answer arrives now, after Alice's card is up.
    release();
    await until(
      async () => zaf.answered,
      (n) => n === 2,
    );
    await page.evaluate('new Promise((settled) => setTimeout(settled, 0))');
    expect(await page.locator('context-card .cc-h2').innerText()).toBe('Alice Martin');
    await page.close();
  });

  it('says so when no system knows the requester, and when the key is refused', async () => {
    const unknown = await openApp('nobody-here@example.com');
    expect(await unknown.page.locator('context-card .cc-empty').innerText()).toBe(
      'No connected system knows this customer.',
    );
    await unknown.page.close();

    const refused = await openApp('benjamin.carter@example.com', 'not-a-hub-key');
    const problem = await refused.page.locator('context-card .cc-problem').innerText();
    expect(problem).toContain('Unauthorized');
    expect(problem).toContain('Unknown API key');
    await refused.page.close();

    const none = await openApp(undefined);
    expect(await none.page.locator('context-card .cc-problem').innerText()).toContain('no email address');
    expect(none.zaf.requests).toHaveLength(0);
    await none.page.close();
  });

  it('lists what the customer was already granted, with the decision it carried out, so no agent grants it twice', async () => {
    const reship = await hub.post(
      '/v1/orders/1037/actions',
      { type: 'replacement', decision: { playbook: 'where-is-my-order', rule: 'lost-in-transit' } },
      KEYS.helpdesk,
      { 'idempotency-key': `zendesk-app-${Date.now()}` },
    );
    expect(reship.status).toBe(202);
    await until(
      async () => (await hub.get(`/v1/actions/${reship.body.id}`, KEYS.helpdesk)).body.status,
      (status) => status === 'succeeded',
    );
    const { page } = await openApp('benjamin.carter@example.com');
    const granted = await page.locator('context-card .cc-remedies').innerText();
    expect(granted).toMatch(
      /remedies granted[\s\S]*#1037 · Replacement[\s\S]*Succeeded · demo-helpdesk · .* · where-is-my-order: lost-in-transit/i,
    );
    await page.close();
  });
});
