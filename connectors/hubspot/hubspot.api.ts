import { z } from 'zod';
import {
  ConnectorError,
  type HttpClient,
  type HttpReply,
  parseRetryAfter,
  type RequestOptions,
} from '../../src/connectors/contract';
import { errorBodySchema } from './hubspot.payloads';

type Query = RequestOptions<z.ZodType>['query'];

/**
 * HubSpot's REST API through the one HttpClient, plus what HubSpot says when it throttles: a 429
 * whose body names the limit (`policyName`). The client reads 429s as answers here so that body
 * can be seen; every other status is the client's usual error.
 * https://developers.hubspot.com/docs/api/usage-details#rate-limits
 */
export class HubspotApi {
  /** `http`: the connector's client (its base, src/connectors/rest-connector.ts, owns and closes it). */
  constructor(private readonly http: HttpClient) {}

  get<S extends z.ZodType>(
    path: string,
    schema: S,
    init: { query?: Query; signal?: AbortSignal } = {},
  ): Promise<HttpReply<z.infer<S>>> {
    return this.call('GET', path, undefined, schema, init);
  }

  post<S extends z.ZodType>(
    path: string,
    body: unknown,
    schema: S,
    init: { signal?: AbortSignal } = {},
  ): Promise<HttpReply<z.infer<S>>> {
    return this.call('POST', path, body, schema, init);
  }

  private async call<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: S,
    init: { query?: Query; signal?: AbortSignal },
  ): Promise<HttpReply<z.infer<S>>> {
    let reply: HttpReply<unknown>;
    try {
      // The CRM search endpoints have their own, much lower limit (per account, per second).
      const budget = path.endsWith('/search') ? ('search' as const) : undefined;
      const options = { schema: PASS, query: init.query, signal: init.signal, accept: [429], budget };
      reply =
        method === 'GET' ? await this.http.get(path, options) : await this.http.post(path, body, options);
    } catch (error) {
      // A 429 from the edge may not be JSON; it is still "slow down".
      if (error instanceof ConnectorError && error.code === 'invalid_response' && error.httpStatus === 429) {
        throw new ConnectorError('rate_limited', `HubSpot answered HTTP 429 on ${method} ${path}`, {
          httpStatus: 429,
          cause: error,
        });
      }
      throw error;
    }
    if (reply.status === 429) throw rateLimited(reply, `${method} ${path}`);
    const parsed = schema.safeParse(reply.data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConnectorError(
        'invalid_response',
        `HubSpot ${method} ${path} reply: ${issue.path.join('.') || '(body)'}: ${issue.message}`,
        { httpStatus: reply.status },
      );
    }
    return { ...reply, data: parsed.data };
  }
}

/** Any JSON passes the client; the reply is validated above, once its status is known. */
const PASS = z.unknown();

/**
 * Retry-After when HubSpot sends it; otherwise the length of the window named by `policyName`.
 * A DAILY limit lasts until midnight in the account's time zone: not worth retrying now.
 */
function rateLimited(reply: HttpReply<unknown>, what: string): ConnectorError {
  const body = errorBodySchema.safeParse(reply.data);
  const policy = body.success ? body.data.policyName : undefined;
  const message = `HubSpot rate limit${policy ? ` ${policy}` : ''} on ${what}`;
  const header = parseRetryAfter(reply.headers['retry-after']);
  if (policy === 'DAILY') {
    return new ConnectorError('rate_limited', message, {
      httpStatus: 429,
      retryable: false,
      retryAfterMs: header,
    });
  }
  const interval = Number(reply.headers['x-hubspot-ratelimit-interval-milliseconds']);
  const byPolicy =
    policy === 'SECONDLY'
      ? 1_000
      : policy === 'TEN_SECONDLY_ROLLING'
        ? Number.isFinite(interval) && interval > 0
          ? interval
          : 10_000
        : undefined;
  return new ConnectorError('rate_limited', message, { httpStatus: 429, retryAfterMs: header ?? byPolicy });
}
