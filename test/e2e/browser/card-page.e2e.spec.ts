import { readFileSync } from 'node:fs';
import { type Browser, type Page } from 'playwright-core';
import { launchBrowser } from '../../support/browser';
import { type Harness, KEYS, startHarness } from '../../support/hub-harness';

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * The hub's own card page (/card#t=…), the one helpdesks that embed iframes get (docs/doors/card.md):
 * in a real Chromium, checked by axe-core for WCAG 2.1 AA, at 320 px, and by keyboard.
 */
describe('card page (/card) in Chromium', () => {
  let hub: Harness;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startHarness();
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  async function open(email: string, width = 320): Promise<Page> {
    const minted = await hub.post('/v1/cards/links', { email }, KEYS.helpdesk);
    const page = await browser.newPage({ viewport: { width, height: 700 } });
    await page.goto(minted.body.url);
    await page.waitForSelector('context-card article[aria-busy="false"]');
    return page;
  }

  async function violations(page: Page): Promise<AxeViolation[]> {
    // Through the DevTools protocol, which the page's CSP does not govern (a script tag it would refuse).
    await page.evaluate(AXE);
    return page.evaluate(
      `axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
        .then((r) => r.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
    );
  }

  it("shows order 1037's escalation, readable at 320 px with nothing cut off sideways", async () => {
    const page = await open('benjamin.carter@example.com');
    expect(await page.locator('context-card .cc-escalate').innerText()).toMatch(
      /Order 1037: .*delivery exception/,
    );
    const widths = await page.evaluate(
      '[document.documentElement.scrollWidth, document.documentElement.clientWidth]',
    );
    expect(widths).toEqual([320, 320]);
    // The token left the address (history keeps no usable link); a reload still shows the card.
    expect(new URL(page.url()).hash).toBe('');
    await page.reload();
    await page.waitForSelector('context-card .cc-person');
    expect(await page.locator('context-card .cc-h2').innerText()).toBe('Benjamin Carter');
    await page.close();
  });

  it('has no WCAG 2.1 AA violations axe-core can find (labels, contrast, structure)', async () => {
    const page = await open('benjamin.carter@example.com');
    expect(await violations(page)).toEqual([]);
    await page.close();
  });

  it('is usable by keyboard: Tab reaches each link in reading order, with a visible focus ring', async () => {
    const page = await open('benjamin.carter@example.com');
    const links = await page.locator('context-card a').count();
    expect(links).toBeGreaterThan(3);
    await page.keyboard.press('Tab');
    const first = await page.evaluate(
      `[document.activeElement.tagName, document.activeElement.textContent, getComputedStyle(document.activeElement).outlineStyle]`,
    );
    expect(first).toEqual(['A', await page.locator('context-card a').first().innerText(), 'solid']);
    for (let i = 1; i < links; i++) await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe(
      await page.locator('context-card a').last().innerText(),
    );
    await page.close();
  });

  it('says in a sentence what is wrong with a link that is not valid or missing', async () => {
    const page = await browser.newPage({ viewport: { width: 320, height: 700 } });
    await page.goto(`${hub.hubUrl}/card#t=${'A'.repeat(80)}`);
    await page.waitForSelector('context-card .cc-problem');
    expect(await page.locator('context-card .cc-problem').innerText()).toContain(
      'not a card link the hub made',
    );
    await page.goto(`${hub.hubUrl}/card`);
    await page.waitForFunction(
      `document.querySelector('context-card .cc-problem')?.textContent.includes('No card link')`,
    );
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
