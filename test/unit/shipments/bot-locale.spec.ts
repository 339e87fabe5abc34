import { statusMessage } from '../../../src/shipments/status-message';
import { anOrder, aShipment } from '../../support/canonical.factory';
import { LocaleInput, negotiateLocale } from '../../../src/shipments/bot-locale';

describe('the language of the bot message', () => {
  it.each([
    [undefined, undefined, 'en'],
    ['de', undefined, 'de'],
    ['de-CH', 'fr', 'de'],
    ['pt-BR', 'fr-CA, en;q=0.5', 'fr'],
    [undefined, 'ja-JP', 'ja'],
    [undefined, 'da, nl;q=0.8, en;q=0.7', 'nl'],
    [undefined, 'en;q=0.2, it;q=0.9', 'it'],
    [undefined, 'es;q=0, fr;q=0.1', 'fr'],
    [undefined, '*', 'en'],
    [undefined, 'sv-SE, da', 'en'],
    [undefined, 'ES', 'es'],
  ])('locale %p, Accept-Language %p → %s', (explicit, header, expected) => {
    expect(negotiateLocale(explicit, header)).toBe(expected);
  });

  it('reads a long or odd Accept-Language without trouble', () => {
    expect(negotiateLocale(undefined, `${'x-'.repeat(5_000)}, de`)).toBe('en');
    expect(negotiateLocale(undefined, ';;;,,,q=,de;q=abc')).toBe('en');
  });

  it('takes a language tag as ?locale=, and refuses anything else', () => {
    expect(LocaleInput.parse(' fr-CA ')).toBe('fr-CA');
    expect(LocaleInput.safeParse('fr_CA').success).toBe(false);
    expect(LocaleInput.safeParse('<script>').success).toBe(false);
    expect(LocaleInput.safeParse('de-' + 'x'.repeat(40)).success).toBe(false);
  });
});

describe("dates in the shop's time zone", () => {
  it('writes the day it is where the shop is, in the language asked', () => {
    const parcel = aShipment({
      carrier: 'UPS',
      status: 'in_transit',
      estimatedDeliveryAt: '2026-12-04T20:00:00Z',
    });
    const input = {
      order: anOrder({ number: '1001', shipments: [parcel] }),
      status: 'in_transit' as const,
      shipment: parcel,
      insights: { flags: [], escalate: false, escalationReasons: [] },
    };
    expect(statusMessage({ ...input, timeZone: 'UTC' })).toBe(
      'Order 1001 is on its way with UPS and should arrive by Friday 4 December.',
    );
    expect(statusMessage({ ...input, timeZone: 'Asia/Tokyo' })).toBe(
      'Order 1001 is on its way with UPS and should arrive by Saturday 5 December.',
    );
    expect(statusMessage({ ...input, timeZone: 'Asia/Tokyo', locale: 'de' })).toBe(
      'Bestellung 1001 ist mit UPS unterwegs und sollte bis Samstag, 5. Dezember ankommen.',
    );
    expect(statusMessage({ ...input, timeZone: 'America/New_York', locale: 'ja' })).toContain(
      '12月4日金曜日',
    );
  });
});
