import { ConnectorError } from './connector.error';

/** Failures that show the vendor did not run the write: refused before it ran, or never asked. */
const NOT_RUN: ReadonlySet<string> = new Set([
  'rate_limited',
  'budget_exhausted',
  'circuit_open',
  'auth_failed',
  'bad_request',
]);
/** Network failures before a request could go out (no connection, no address). */
const NOT_SENT: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * Sends a write the vendor cannot deduplicate. A failure that does not show the write was left
 * undone (a 5xx, a reset or a timeout after the request went out) is marked `maybeWritten`, so the
 * actions pipeline hands it to a person instead of sending it again (src/actions/action.runner.ts).
 */
export async function writeOnce<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof ConnectorError) || NOT_RUN.has(error.code)) throw error;
    const cause = (error.cause as { code?: unknown } | undefined)?.code;
    if (typeof cause === 'string' && NOT_SENT.has(cause)) throw error;
    throw new ConnectorError(error.code, `${error.message} (the vendor may have made the write)`, {
      retryable: error.retryable,
      retryAfterMs: error.retryAfterMs,
      httpStatus: error.httpStatus,
      maybeWritten: true,
      cause: error,
    });
  }
}
