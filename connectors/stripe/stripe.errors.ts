import { ConnectorError, parseRetryAfter } from '../../src/connectors/contract';

/** What the SDK's errors carry (stripe-node `StripeError`); read by shape, so no SDK import is needed. */
interface StripeLikeError {
  type?: string;
  message?: string;
  statusCode?: number;
  code?: string;
  headers?: Record<string, string | string[] | undefined>;
  detail?: { code?: string } | unknown;
  raw?: { exception?: { rawBody?: unknown } };
}

/**
 * Error codes by which Stripe refuses a refund for a business reason: the request was fine, the
 * payment cannot take it. https://docs.stripe.com/error-codes
 */
const REFUSALS = new Set([
  'amount_too_large',
  'amount_too_small',
  'balance_insufficient',
  'charge_already_refunded',
  'charge_disputed',
  'charge_not_refundable',
]);

const header = (e: StripeLikeError, name: string): string | undefined => {
  const v = e.headers?.[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * Translates what the Stripe SDK throws into connector error codes.
 * https://docs.stripe.com/error-handling and https://docs.stripe.com/rate-limits
 */
export function toConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = (error ?? {}) as StripeLikeError;
  const status = e.statusCode;
  const options = { httpStatus: status, cause: error };
  const what = `Stripe ${e.message ?? 'call failed'}`.trim();

  switch (e.type) {
    case 'StripeAuthenticationError':
    case 'StripePermissionError':
      return new ConnectorError('auth_failed', what, options);
    case 'StripeRateLimitError': {
      // Stripe says whether a retry can help in Stripe-Should-Retry; without it a 429 is retryable.
      const shouldRetry = header(e, 'stripe-should-retry');
      return new ConnectorError('rate_limited', what, {
        ...options,
        retryable: shouldRetry === undefined ? true : shouldRetry === 'true',
        retryAfterMs: parseRetryAfter(header(e, 'retry-after')),
      });
    }
    case 'StripeConnectionError': {
      const timedOut = (e.detail as { code?: string } | undefined)?.code === 'ETIMEDOUT';
      return timedOut
        ? new ConnectorError('timeout', 'Stripe did not answer in time', { cause: error })
        : new ConnectorError('upstream_unavailable', `Stripe unreachable: ${e.message}`, { cause: error });
    }
    case 'StripeAPIError':
      // The SDK reports a body it cannot parse as an APIError without the HTTP status. An HTML page
      // is what a proxy or load balancer sends for 502/503/504: Stripe is unavailable, not malformed.
      if (status === undefined) {
        const body = e.raw?.exception?.rawBody;
        return typeof body === 'string' && body.trimStart().startsWith('<')
          ? new ConnectorError('upstream_unavailable', 'Stripe answered with an HTML error page', options)
          : new ConnectorError('invalid_response', 'Stripe sent a body that is not JSON', options);
      }
      break;
    case 'StripeInvalidRequestError':
      if (status === 404) return new ConnectorError('not_found', what, options);
      if (e.code && REFUSALS.has(e.code)) return new ConnectorError('rejected', what, options);
      return new ConnectorError('bad_request', what, { ...options, retryable: false });
    case 'StripeIdempotencyError':
    case 'StripeCardError':
      return new ConnectorError('bad_request', what, { ...options, retryable: false });
  }
  if (status !== undefined) {
    const mapped = ConnectorError.fromHttpStatus(status, what, parseRetryAfter(header(e, 'retry-after')));
    return new ConnectorError(mapped.code, mapped.message, { ...mapped, cause: error });
  }
  return new ConnectorError('unknown', `Stripe call failed: ${e.message ?? String(error)}`, { cause: error });
}
