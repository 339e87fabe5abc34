import { ConnectorError, parseRetryAfter } from '../../src/connectors/contract';
import { type UserError } from './shopify.action-payloads';
import { costSchema } from './shopify.payloads';
import { ShopifyThrottle } from './shopify.throttle';

interface GotLikeError {
  name?: string;
  code?: string;
  message: string;
  extensions?: { code?: string };
  response?: { statusCode?: number; headers?: Record<string, string | string[] | undefined>; body?: unknown };
}

const NETWORK_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** Translates what shopify-api-node (got 11) throws into the connector error codes. */
export function toConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const e = (error ?? {}) as GotLikeError;
  const status = e.response?.statusCode;
  const body = e.response?.body as { errors?: unknown; extensions?: { cost?: unknown } } | undefined;

  // Shopify throttles GraphQL with HTTP 200 + errors[].extensions.code = THROTTLED.
  if (e.extensions?.code === 'THROTTLED') {
    const cost = costSchema.safeParse(body?.extensions?.cost);
    return new ConnectorError('rate_limited', 'Shopify GraphQL cost bucket is empty (THROTTLED)', {
      retryAfterMs: ShopifyThrottle.retryAfterMs(cost.success ? cost.data : undefined),
      httpStatus: status,
      cause: error,
    });
  }
  if (e.extensions?.code === 'ACCESS_DENIED') {
    return new ConnectorError('auth_failed', `Shopify denied access: ${e.message}`, {
      httpStatus: status,
      cause: error,
    });
  }
  if (e.extensions?.code === 'INTERNAL_SERVER_ERROR') {
    // Shopify's GraphQL stand-in for HTTP 500 ("returned instead of 500 Internal Server Error in
    // most circumstances"): https://shopify.dev/docs/api/admin-graphql#status_and_error_codes
    return new ConnectorError('upstream_unavailable', `Shopify internal error: ${e.message}`, {
      httpStatus: status,
      cause: error,
    });
  }
  if (e.name === 'TimeoutError' || e.code === 'ETIMEDOUT') {
    return new ConnectorError('timeout', 'Shopify did not answer in time', { cause: error });
  }
  if (e.name === 'ParseError') {
    return new ConnectorError('invalid_response', 'Shopify sent a body that is not JSON', {
      httpStatus: status,
      cause: error,
    });
  }
  if (e.code && NETWORK_CODES.has(e.code)) {
    return new ConnectorError('upstream_unavailable', `Shopify unreachable (${e.code})`, { cause: error });
  }
  if (e.name === 'HTTPError' && status) {
    const err = ConnectorError.fromHttpStatus(
      status,
      `Shopify answered HTTP ${status}`,
      parseRetryAfter(e.response?.headers?.['retry-after']),
    );
    return new ConnectorError(err.code, err.message, { ...err, cause: error });
  }
  if (status === 200 && (e.extensions || Array.isArray(body?.errors))) {
    // A GraphQL error that is not throttling: our query does not fit this shop/API version.
    return new ConnectorError('bad_request', `Shopify rejected the query: ${e.message}`, {
      httpStatus: status,
      retryable: false,
      cause: error,
    });
  }
  return new ConnectorError('unknown', `Shopify call failed: ${e.message}`, { cause: error });
}

/**
 * A write Shopify understood and refused (`userErrors` in a 200 reply: already fulfilled, more
 * than is left to refund...): `rejected`, not retryable.
 */
export function rejected(what: string, errors: UserError[]): ConnectorError {
  const why = errors.map((e) => e.message).join('; ') || 'no reason given';
  return new ConnectorError('rejected', `Shopify refused to ${what}: ${why}`);
}
