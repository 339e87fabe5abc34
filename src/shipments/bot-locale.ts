import { z } from 'zod';

/** The languages the bot's message is written in (messages/<locale>.json); English is the fallback. */
export const BOT_LOCALES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'ja'] as const;
export type BotLocale = (typeof BOT_LOCALES)[number];

/** `?locale=` as a caller writes it: a BCP 47 tag such as de, de-CH or pt-BR. */
export const LocaleInput = z
  .string()
  .trim()
  .max(35, 'must be at most 35 characters')
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'must be a language tag such as de or fr-CA');

/** The language of a tag we write in: de-CH → de; one we do not → undefined. */
function supported(tag: string): BotLocale | undefined {
  const language = tag.split('-')[0].toLowerCase();
  return BOT_LOCALES.find((l) => l === language);
}

/**
 * The language to answer in: the explicit `locale` when we write it, else the first language of
 * `Accept-Language` (by its q-values) that we write, else English.
 */
export function negotiateLocale(explicit: string | undefined, acceptLanguage: string | undefined): BotLocale {
  const asked = explicit ? supported(explicit) : undefined;
  if (asked) return asked;
  const ranked = (acceptLanguage ?? '')
    .slice(0, 512)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((r) => r.tag !== '' && r.tag !== '*' && r.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const locale = supported(tag);
    if (locale) return locale;
  }
  return 'en';
}
