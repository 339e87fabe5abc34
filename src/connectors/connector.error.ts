/**
 * The one error a connector throws. Codes are stable strings that the API, metrics and
 * resilience policies key on (docs/architecture.md "Conventions" 4); never parse `message`.
 */
export const CONNECTOR_ERROR_CODES = [
  'timeout',
  'rate_limited',
  'not_found',
  'auth_failed',
  'bad_request',
  'upstream_unavailable',
  'invalid_response',
  'circuit_open',
  /** The hub's own budget for this vendor's rate limit is used up for now (src/budgets); the vendor was not asked. */
  'budget_exhausted',
  /** The vendor understood a write and refused it for a business reason (already fulfilled, over-refund...). */
  'rejected',
  'unknown',
] as const;
export type ConnectorErrorCode = (typeof CONNECTOR_ERROR_CODES)[number];

const RETRYABLE_BY_DEFAULT: ReadonlySet<ConnectorErrorCode> = new Set([
  'timeout',
  'rate_limited',
  'upstream_unavailable',
]);

export interface ConnectorErrorOptions {
  retryable?: boolean;
  /** How long the vendor asked us to wait (Retry-After, x-retry-after, Shopify throttle restore time). */
  retryAfterMs?: number;
  /** HTTP status of the vendor reply, when there was one. */
  httpStatus?: number;
  /**
   * A write failed in a way that does not say whether the vendor made it (a 5xx or a reset after
   * the request went out). The actions pipeline hands such a write to a person when the vendor
   * cannot deduplicate it, instead of sending it again.
   */
  maybeWritten?: boolean;
  cause?: unknown;
}

export class ConnectorError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly httpStatus?: number;
  readonly maybeWritten: boolean;

  constructor(
    readonly code: ConnectorErrorCode,
    message: string,
    options: ConnectorErrorOptions = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectorError';
    this.retryable = options.retryable ?? RETRYABLE_BY_DEFAULT.has(code);
    this.retryAfterMs = options.retryAfterMs;
    this.httpStatus = options.httpStatus;
    this.maybeWritten = options.maybeWritten ?? false;
  }

  /** The error a plain HTTP status means, for connectors that only have a status to go on. */
  static fromHttpStatus(status: number, message: string, retryAfterMs?: number): ConnectorError {
    if (status === 401 || status === 403)
      return new ConnectorError('auth_failed', message, { httpStatus: status });
    if (status === 404) return new ConnectorError('not_found', message, { httpStatus: status });
    if (status === 408) return new ConnectorError('timeout', message, { httpStatus: status });
    if (status === 429)
      return new ConnectorError('rate_limited', message, { httpStatus: status, retryAfterMs });
    if (status >= 500)
      return new ConnectorError('upstream_unavailable', message, { httpStatus: status, retryAfterMs });
    if (status >= 400) return new ConnectorError('bad_request', message, { httpStatus: status });
    return new ConnectorError('invalid_response', message, { httpStatus: status });
  }
}

/** Parses an HTTP Retry-After value (seconds or an HTTP date) into milliseconds. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, Math.round(seconds * 1000));
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
