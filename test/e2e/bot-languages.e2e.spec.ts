import { BOT_LOCALES } from '../../src/shipments/bot-locale';
import { type Harness, KEYS, startHarness } from '../support/hub-harness';

/**
 * The bot's message in every language it writes, for one order of each delivery state the
 * sandbox's world holds (docs/api.md "Bot messages in the customer's language").
 */
describe("the bot's answer in the customer's language (hub + sandbox over HTTP)", () => {
  let hub: Harness;
  /** One order number and its customer's email per overall status, as the bot reports it. */
  const byStatus = new Map<string, { orderNumber: string; email: string; english: string }>();

  beforeAll(async () => {
    hub = await startHarness((config) => {
      config.shop.timeZone = 'Asia/Tokyo';
    });
    for (const order of hub.world.orders) {
      const email = hub.world.customers.find((c) => c.id === order.customerId)!.email;
      const res = await hub.get(
        `/v1/shipments/status?orderNumber=${order.number}&email=${encodeURIComponent(email)}`,
        KEYS.bot,
      );
      if (res.status === 200 && !byStatus.has(res.body.status)) {
        byStatus.set(res.body.status, {
          orderNumber: String(order.number),
          email,
          english: res.body.message,
        });
      }
    }
  }, 60_000);
  afterAll(() => hub.close());

  const ask = (o: { orderNumber: string; email: string }, headers: Record<string, string> = {}, query = '') =>
    hub.get(
      `/v1/shipments/status?orderNumber=${o.orderNumber}&email=${encodeURIComponent(o.email)}${query}`,
      KEYS.bot,
      headers,
    );

  it('the world holds orders in many delivery states', () => {
    expect(byStatus.size).toBeGreaterThanOrEqual(6);
  });

  it('answers every state in every language asked by Accept-Language, whole and translated', async () => {
    for (const [status, order] of byStatus) {
      for (const locale of BOT_LOCALES) {
        const res = await ask(order, { 'accept-language': `${locale}-XX, en;q=0.1` });
        expect({ status, locale, code: res.status }).toEqual({ status, locale, code: 200 });
        expect(res.body.locale).toBe(locale);
        expect(res.headers.get('content-language')).toBe(locale);
        expect(res.body.message).toContain(order.orderNumber);
        expect(res.body.message).not.toMatch(/[{}]/);
        if (locale === 'en') expect(res.body.message).toBe(order.english);
        else
          expect({ status, locale, same: res.body.message === order.english }).toEqual({
            status,
            locale,
            same: false,
          });
      }
    }
  });

  it("writes dates in the language and the shop's time zone", async () => {
    const dated = [...byStatus.values()].find((o) => /\d/.test(o.english.replace(o.orderNumber, '')));
    expect(dated).toBeDefined();
    const en = await ask(dated!);
    const de = await ask(dated!, {}, '&locale=de');
    expect(de.body.locale).toBe('de');
    // The same day, written in German: "Freitag, 4. Dezember" where English says "Friday 4 December".
    const day = en.body.message.match(
      /(\d{1,2}) (January|February|March|April|May|June|July|August|September|October|November|December)/,
    );
    expect(day).not.toBeNull();
    expect(de.body.message).toMatch(
      new RegExp(
        `${day![1]}\\. (Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember)`,
      ),
    );
  });

  it('?locale= wins over Accept-Language; a language it does not write is English', async () => {
    const order = byStatus.values().next().value!;
    expect((await ask(order, { 'accept-language': 'fr' }, '&locale=ja')).body.locale).toBe('ja');
    expect((await ask(order, { 'accept-language': 'sv, da;q=0.5' })).body.locale).toBe('en');
    const bad = await ask(order, {}, '&locale=%3Cscript%3E');
    expect(bad.status).toBe(400);
  });
});
