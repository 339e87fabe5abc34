import { json, type VendorReply } from '../vendor.adapter';

/** Stripe's error body: `{ error: { type, message, code?, param?, doc_url? } }`. https://docs.stripe.com/api/errors */
export function stripeError(
  status: number,
  message: string,
  extra: { type?: string; code?: string; param?: string } = {},
  headers: Record<string, string> = {},
): VendorReply {
  const { type = 'invalid_request_error', ...rest } = extra;
  const doc = rest.code
    ? { doc_url: `https://stripe.com/docs/error-codes/${rest.code.replace(/_/g, '-')}` }
    : {};
  return json(status, { error: { ...rest, ...doc, message, type } }, headers);
}

export const invalidRequest = (message: string, param?: string) =>
  stripeError(400, message, param ? { param } : {});

export const resourceMissing = (object: string, id: string, param = 'id') =>
  stripeError(404, `No such ${object}: '${id}'`, { code: 'resource_missing', param });

/** Shows a key as Stripe does in errors: its prefix and last four characters. */
export function redactKey(key: string): string {
  const prefix = /^[a-z]+_(test|live)_/.exec(key)?.[0] ?? '';
  return `${prefix}${'*'.repeat(Math.max(0, key.length - prefix.length - 4))}${key.slice(-4)}`;
}

/** 429 with `Stripe-Should-Retry: true`. https://docs.stripe.com/rate-limits */
export const rateLimited = () =>
  stripeError(
    429,
    'Request rate limit exceeded. Slow down and retry (sandbox fault).',
    { code: 'rate_limit' },
    { 'stripe-should-retry': 'true' },
  );

export const apiUnavailable = () =>
  stripeError(
    503,
    'Stripe is temporarily unavailable (sandbox fault).',
    { type: 'api_error' },
    { 'stripe-should-retry': 'true' },
  );
