import { IntlMessageFormat } from 'intl-messageformat';
import { type BotLocale, BOT_LOCALES } from './bot-locale';
import de from './messages/de.json';
import en from './messages/en.json';
import es from './messages/es.json';
import fr from './messages/fr.json';
import it from './messages/it.json';
import ja from './messages/ja.json';
import nl from './messages/nl.json';

/** The bot's status messages, one ICU MessageFormat string per id (messages/en.json is the source). */
export type StatusMessageId = keyof typeof en;

export interface StatusMessageValues {
  /** The order number the customer sees. */
  n: string;
  /** "yes" when the message is about one parcel of several. */
  many: 'yes' | 'no';
  /** "yes" when the carrier is known (then named in `carrier`). */
  hasCarrier: 'yes' | 'no';
  carrier: string;
  /** A date already written in the locale and the shop's time zone. */
  date: string;
}

export const CATALOGS: Record<BotLocale, Record<StatusMessageId, string>> = { en, de, fr, es, it, nl, ja };

/** Each message compiled once, at first use. */
const compiled = new Map<string, IntlMessageFormat>();

export function formatStatusMessage(
  locale: BotLocale,
  id: StatusMessageId,
  values: StatusMessageValues,
): string {
  const key = `${locale}:${id}`;
  let format = compiled.get(key);
  if (!format) {
    format = new IntlMessageFormat(CATALOGS[locale][id] ?? CATALOGS.en[id], locale);
    compiled.set(key, format);
  }
  return String(format.format({ ...values }));
}

/** Checked by the tests: every locale has every message of the English source. */
export const STATUS_MESSAGE_IDS = Object.keys(en) as StatusMessageId[];
export { BOT_LOCALES };
