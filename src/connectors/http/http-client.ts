import http from 'node:http';
import https from 'node:https';
import axios, { type AxiosInstance, type AxiosResponse, isAxiosError } from 'axios';
import { type z } from 'zod';
import { ConnectorError, parseRetryAfter } from '../connector.error';
import { type BudgetKind, type VendorBudget } from '../vendor-budget';
import { nodeHttpAdapter } from './node-http.adapter';

export interface HttpClientOptions {
  /** The vendor's name for messages ("ShipBob"). */
  vendor: string;
  /** The vendor origin (+ path prefix), e.g. https://api.shipbob.com/2026-01; `baseUrl` replaces it. */
  baseUrl: string;
  timeoutMs: number;
  /** Sent on every request (auth, API version). Never logged. */
  headers?: Record<string, string>;
  /** Headers that say how long to wait when rate limited, besides Retry-After (e.g. x-retry-after). */
  retryAfterHeaders?: string[];
  /** Every request first takes one unit of this budget (the connector's `context.budget`). */
  budget?: VendorBudget;
}

export interface RequestOptions<S extends z.ZodType> {
  query?: Record<string, string | number | boolean | undefined>;
  /** Validates the reply body; a mismatch is `invalid_response`. */
  schema: S;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Status codes that are answers, not errors (e.g. 404 for "no such record"). */
  accept?: number[];
  /** `search`: the vendor counts this endpoint against its separate search limit too. */
  budget?: BudgetKind;
}

export interface HttpReply<T> {
  status: number;
  data: T;
  headers: Record<string, string | undefined>;
}

/**
 * The one HTTP client for REST connectors (docs/architecture.md "Conventions" 10): axios with keep-alive agents, the
 * request's AbortSignal, vendor errors translated to connector error codes, replies validated
 * with zod. Connectors with an official SDK (Shopify, Stripe) use the SDK instead. Requests go
 * out through a lean `node:http` adapter (node-http.adapter.ts) over the agents below.
 */
export class HttpClient {
  private readonly axios: AxiosInstance;
  private readonly agents = {
    http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
    https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
  };

  constructor(private readonly options: HttpClientOptions) {
    this.axios = axios.create({
      baseURL: options.baseUrl.replace(/\/$/, ''),
      timeout: options.timeoutMs,
      headers: { accept: 'application/json', ...options.headers },
      httpAgent: this.agents.http,
      httpsAgent: this.agents.https,
      adapter: nodeHttpAdapter(this.agents),
      // Every status comes back as a reply; this class decides what is an error.
      validateStatus: () => true,
      // A vendor's body is parsed here, so a malformed one is invalid_response, not a crash.
      transformResponse: [(data: unknown) => data],
      responseType: 'text',
      maxRedirects: 0,
    });
  }

  get<S extends z.ZodType>(path: string, options: RequestOptions<S>): Promise<HttpReply<z.infer<S>>> {
    return this.request('GET', path, undefined, options);
  }

  post<S extends z.ZodType>(
    path: string,
    body: unknown,
    options: RequestOptions<S>,
  ): Promise<HttpReply<z.infer<S>>> {
    return this.request('POST', path, body, options);
  }

  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  private async request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    options: RequestOptions<S>,
  ): Promise<HttpReply<z.infer<S>>> {
    const { vendor } = this.options;
    await this.options.budget?.take({ kind: options.budget, signal: options.signal });
    let res: AxiosResponse<string>;
    try {
      res = await this.axios.request<string>({
        method,
        url: path,
        params: options.query ? dropUndefined(options.query) : undefined,
        data: body,
        headers: options.headers,
        signal: options.signal,
      });
    } catch (error) {
      throw this.transportError(error);
    }
    const headers = res.headers as Record<string, string | undefined>;
    const accepted = options.accept?.includes(res.status) ?? false;
    if ((res.status < 200 || res.status >= 300) && !accepted) {
      const wait = [...(this.options.retryAfterHeaders ?? []), 'retry-after']
        .map((h) => parseRetryAfter(headers[h]))
        .find((ms) => ms !== undefined);
      throw ConnectorError.fromHttpStatus(
        res.status,
        `${vendor} answered HTTP ${res.status} on ${method} ${path}`,
        wait,
      );
    }
    let parsed: unknown;
    try {
      parsed = res.data === '' ? undefined : JSON.parse(res.data);
    } catch (cause) {
      throw new ConnectorError(
        'invalid_response',
        `${vendor} sent a body that is not JSON (${method} ${path})`,
        {
          httpStatus: res.status,
          cause,
        },
      );
    }
    const result = options.schema.safeParse(parsed);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new ConnectorError(
        'invalid_response',
        `${vendor} ${method} ${path} reply: ${issue.path.join('.') || '(body)'}: ${issue.message}`,
        { httpStatus: res.status },
      );
    }
    return { status: res.status, data: result.data, headers };
  }

  private transportError(error: unknown): ConnectorError {
    const { vendor } = this.options;
    if (isAxiosError(error)) {
      if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') {
        return new ConnectorError('timeout', `${vendor} did not answer in time`, { cause: error });
      }
      if (error.code === 'ERR_CANCELED') {
        return new ConnectorError('timeout', `${vendor} call cancelled: the request deadline passed`, {
          cause: error,
        });
      }
      return new ConnectorError(
        'upstream_unavailable',
        `${vendor} unreachable (${error.code ?? error.message})`,
        {
          cause: error,
        },
      );
    }
    return new ConnectorError('unknown', `${vendor} call failed: ${(error as Error)?.message}`, {
      cause: error,
    });
  }
}

function dropUndefined(query: Record<string, string | number | boolean | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) out[k] = String(v);
  return out;
}
