/**
 * Personal data and secrets that must never reach a log line, whatever a message or an error
 * carries: emails, phone numbers, bearer credentials and the vendors' token formats.
 *
 * Scrubbing runs on the request path (every log line), so it must stay cheap whatever a caller
 * sends: every pattern runs in time linear in its input (no pattern can restart a long scan at
 * every position, nor backtrack over its own repetitions; ESLint's `regexp/no-super-linear-*`
 * rules guard this for every pattern in the code), and no string longer than
 * {@link MAX_LOGGED_CHARS} is scrubbed or logged whole.
 */
const PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+[^\s"',;]+/gi, 'Bearer [redacted]'],
  [/\bBasic\s+[A-Za-z0-9+/=]{8,}/g, 'Basic [redacted]'],
  // Vendor credentials: Shopify, Stripe (keys, webhook secrets), HubSpot private apps, EasyPost.
  [/\b(?:shpat|shpca|shppa|shpss)_[A-Za-z0-9]+/g, '[redacted]'],
  [/\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]+/g, '[redacted]'],
  [/\bwhsec_[A-Za-z0-9+/=]+/g, '[redacted]'],
  [/\bpat-[a-z0-9]{2,4}-[A-Za-z0-9-]+/g, '[redacted]'],
  [/\bEZ[AT]K[A-Za-z0-9]+/g, '[redacted]'],
  // An email, also URL-encoded (%40). The look-behind lets a match start only where a run of
  // address characters starts, so a long run without an @ is scanned once, not once per character.
  [/(?<![\w%+.-])[\w%+.-]+(?:@|%40)[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  // International numbers (+44 20 7946 0958, +442079460958); bare digits stay (order numbers, ids).
  [/\+\d[\d\s().-]{6,18}\d/g, '[phone]'],
];

/** Longer strings are cut (a stack trace fits; a 15,000-character URL or a vendor's page does not). */
export const MAX_LOGGED_CHARS = 8_192;
/** Larger arrays and objects are cut to this many items; deeper ones are not descended into. */
const MAX_ITEMS = 100;
const MAX_DEPTH = 6;

export function scrubText(text: string): string {
  return redact(text.length > MAX_LOGGED_CHARS ? cut(text) : text);
}

/** Every pattern over the whole text, however long (exported for the linear-time test). */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * The first MAX_LOGGED_CHARS characters, less the word the cut went through: a cut through an
 * email could leave a piece no pattern recognises, so that piece is dropped too (an email is at
 * most 254 characters, so a word longer than that is no email and is cut where it is).
 */
function cut(text: string): string {
  let end = MAX_LOGGED_CHARS;
  while (end > MAX_LOGGED_CHARS - 256 && !/[\s"',;<>()[\]{}]/.test(text[end - 1])) end--;
  return `${text.slice(0, end)}…[${text.length - end} characters cut]`;
}

/** At most this many values (strings, objects, items) of one log object are scrubbed and kept. */
const MAX_VALUES = 2_000;

/** Scrubs every string in a log object (bounded size; objects are copied, never changed in place). */
export function scrub(value: unknown, depth = 0, budget = { left: MAX_VALUES }): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'string')) return value;
  if (--budget.left < 0) return '[cut]';
  if (typeof value === 'string') return scrubText(value);
  if (depth > MAX_DEPTH) return '[too deep]';
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack ? scrubText(value.stack) : undefined,
    };
  }
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ITEMS).map((v) => scrub(v, depth + 1, budget));
    if (value.length > MAX_ITEMS) items.push(`[${value.length - MAX_ITEMS} more items]`);
    return items;
  }
  const out: Record<string, unknown> = {};
  let count = 0;
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    if (++count > MAX_ITEMS) {
      out['…'] = 'more keys cut';
      break;
    }
    out[key] = scrub((value as Record<string, unknown>)[key], depth + 1, budget);
  }
  return out;
}
