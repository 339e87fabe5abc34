/**
 * Personal data and secrets that must never reach a log line, whatever a message or an error
 * carries: emails, phone numbers, bearer credentials and the vendors' token formats.
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
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[email]'],
  // International numbers (+44 20 7946 0958, +442079460958); bare digits stay (order numbers, ids).
  [/\+\d[\d\s().-]{6,18}\d/g, '[phone]'],
];

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Scrubs every string in a log object (bounded depth; objects are copied, never changed in place). */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack ? scrubText(value.stack) : undefined,
    };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrub(v, depth + 1);
  return out;
}
