import { type IncomingHttpHeaders } from 'node:http';

export interface VendorRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface VendorReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** One request, understood just enough to count it (stats) before faults decide its fate. */
export interface VendorCall {
  /** Operation name for stats: a GraphQL operation name, or e.g. "GET /v2/trackers". */
  operation: string;
  /** Writes are counted apart (actions land on vendors as writes). */
  write: boolean;
  respond(): VendorReply;
}

/**
 * A simulated vendor API. The server routes by `matches`, counts `describe`'s result, applies
 * the vendor's fault state, then sends `respond()` or the vendor-shaped fault reply.
 * Adding a vendor = one adapter + one line in vendors/vendor.registry.ts.
 */
export interface VendorAdapter {
  readonly key: string;
  /** Path prefix for the README and the start banner. */
  readonly describeRoutes: string;
  matches(method: string, path: string): boolean;
  describe(req: VendorRequest): VendorCall;
  /** The vendor's own way of saying "slow down" (injected throttle fault). */
  throttled(call: VendorCall): VendorReply;
  /** The vendor's own way of saying "unavailable" (injected error fault). */
  unavailable(call: VendorCall): VendorReply;
  /** Back to the start state (rate-limit buckets and the like), on POST /_sandbox/reset. */
  reset?(): void;
  /**
   * The world's parcels changed (a scan added through POST /_sandbox/parcels/{n}/scans): build the
   * view again. Vendors that do not implement it keep showing what they knew (as an OMS that missed the scan).
   */
  refresh?(): void;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): VendorReply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

/** Most REST vendors rate-limit with HTTP 429 and Retry-After (seconds). */
export function tooManyRequests(retryAfterSeconds = 1): VendorReply {
  return json(
    429,
    { error: 'rate_limited', message: 'Too many requests' },
    { 'retry-after': String(retryAfterSeconds) },
  );
}

export function serviceUnavailable(): VendorReply {
  return json(503, {
    error: 'service_unavailable',
    message: 'Service temporarily unavailable (sandbox fault)',
  });
}
