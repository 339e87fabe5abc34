import { type CountryCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';

/**
 * The one place phone numbers are read (issue 12: one truth for phones), with libphonenumber-js
 * and its full metadata: what a person or a vendor wrote becomes E.164 when it is a valid number,
 * trunk prefixes and all ("+44 (0)20 7946 0958" → +442079460958; an Italian "06 1234 5678" keeps
 * its 0: +390612345678). A number written without its country ("020 7946 0958") is read in the
 * region given, the shop's country (`phones.defaultRegion` in the config); without one it has no
 * E.164 form.
 */

/** An ISO 3166-1 alpha-2 region libphonenumber knows, e.g. "GB", "US", "JP". */
export type PhoneRegion = CountryCode;

export const PhoneRegionSchema = z
  .string()
  .transform((s) => s.trim().toUpperCase())
  .refine((s) => isSupportedCountry(s), 'must be a two-letter country code, e.g. US, GB or JP')
  .transform((s) => s as PhoneRegion);

/**
 * Readings already made, by region and writing. Reading a number costs libphonenumber tens of
 * microseconds, and the same few numbers come back in every reply about a customer (each order
 * carries them), on the path an answer waits on. Bounded: emptied when full.
 */
const readings = new Map<string, string | null>();
const MAX_READINGS = 10_000;

/** E.164 ("+442079460958") when `raw` is a valid number, else undefined. */
export function toE164(raw: unknown, region?: PhoneRegion): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const key = `${region ?? ''}|${raw}`;
  const known = readings.get(key);
  if (known !== undefined) return known ?? undefined;
  const e164 = read(String(raw), region);
  if (readings.size >= MAX_READINGS) readings.clear();
  readings.set(key, e164 ?? null);
  return e164;
}

function read(raw: string, region?: PhoneRegion): string | undefined {
  let s = raw.trim();
  if (!/\d/.test(s)) return undefined;
  // "00" is the international prefix almost everywhere; libphonenumber only reads it for a region
  // that dials it, and a number that says its country needs no region.
  if (s.startsWith('00')) s = `+${s.slice(2)}`;
  const parsed = parsePhoneNumberFromString(s, region);
  return parsed?.isValid() ? parsed.number : undefined;
}

/**
 * The key two systems' copies of one phone number share, for matching people: its E.164 form;
 * for a number that says its country but is not a valid one (a fictional +1 555 0100), "+" and
 * its digits, so the same writing still matches itself. Undefined when there is no key.
 */
export function phoneKey(raw: unknown, region?: PhoneRegion): string | undefined {
  const e164 = toE164(raw, region);
  if (e164) return e164;
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().replace(/^00/, '+');
  const digits = s.replace(/\D/g, '');
  return s.startsWith('+') && digits.length >= 7 ? `+${digits}` : undefined;
}

/** Whether two writings are the same phone number (both with a key, and the same one). */
export function samePhone(a: unknown, b: unknown, region?: PhoneRegion): boolean {
  const ka = phoneKey(a, region);
  return ka !== undefined && ka === phoneKey(b, region);
}
