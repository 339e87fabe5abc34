import { IntlMessageFormat } from 'intl-messageformat';
import { BOT_LOCALES } from '../../../src/shipments/bot-locale';
import {
  CATALOGS,
  formatStatusMessage,
  STATUS_MESSAGE_IDS,
  type StatusMessageValues,
} from '../../../src/shipments/status-catalog';

/** The argument names a message uses, from its parsed ICU form. */
function argumentsOf(message: string): string[] {
  const names = new Set<string>();
  const walk = (nodes: unknown[]): void => {
    for (const node of nodes as { value?: unknown; options?: Record<string, { value: unknown[] }> }[]) {
      if (typeof node.value === 'string' && 'type' in node && (node as { type: number }).type !== 0) {
        names.add(node.value);
      }
      for (const option of Object.values(node.options ?? {})) walk(option.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en').getAst());
  return [...names].sort();
}

const VARIANTS: StatusMessageValues[] = [
  { n: '1037', many: 'no', hasCarrier: 'yes', carrier: 'UPS', date: 'DATE' },
  { n: '1037', many: 'yes', hasCarrier: 'no', carrier: '', date: 'DATE' },
];

describe('the bot messages in every language (src/shipments/messages)', () => {
  it('every language has exactly the messages of the English source', () => {
    for (const locale of BOT_LOCALES) {
      expect(Object.keys(CATALOGS[locale]).sort()).toEqual([...STATUS_MESSAGE_IDS].sort());
    }
  });

  it.each(BOT_LOCALES.filter((l) => l !== 'en'))(
    '%s: each message uses the arguments English uses, and is translated',
    (locale) => {
      for (const id of STATUS_MESSAGE_IDS) {
        expect({ id, args: argumentsOf(CATALOGS[locale][id]) }).toEqual({
          id,
          args: argumentsOf(CATALOGS.en[id]),
        });
        for (const values of VARIANTS) {
          const text = formatStatusMessage(locale, id, values);
          expect({ id, untranslated: text === formatStatusMessage('en', id, values) }).toEqual({
            id,
            untranslated: false,
          });
        }
      }
    },
  );

  it.each(BOT_LOCALES)(
    '%s: every message renders whole, naming the order, the carrier and the date it was given',
    (locale) => {
      for (const id of STATUS_MESSAGE_IDS) {
        const args = argumentsOf(CATALOGS.en[id]);
        for (const values of VARIANTS) {
          const text = formatStatusMessage(locale, id, values);
          expect(text).toContain('1037');
          expect(text).not.toMatch(/[{}]/);
          if (args.includes('carrier') && values.hasCarrier === 'yes') expect(text).toContain('UPS');
          if (args.includes('date')) expect(text).toContain('DATE');
        }
        // One parcel of several reads differently from the whole order, where the message says so.
        if (args.includes('many')) {
          expect(formatStatusMessage(locale, id, VARIANTS[0])).not.toBe(
            formatStatusMessage(locale, id, { ...VARIANTS[0], many: 'yes' }),
          );
        }
      }
    },
  );
});
