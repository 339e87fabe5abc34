import {
  json,
  type VendorAdapter,
  type VendorCall,
  type VendorReply,
  type VendorRequest,
} from '../vendor.adapter';
import { type AfterShipTracking, type AfterShipView } from './aftership.view';

/** The sandbox's AfterShip API key, sent as the `as-api-key` header. */
export const AFTERSHIP_SANDBOX_API_KEY = 'asat_sandbox';

const LIST = '/tracking/2025-01/trackings';
const ONE = /^\/tracking\/2025-01\/trackings\/([^/]+)$/;
const MAX_NUMBERS = 50;
const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 200;
/** AfterShip's default: 10 requests a second per account. */
const RATE_LIMIT = 10;

/** The body envelope: https://www.aftership.com/docs/tracking/2025-01/quickstart/request-errors */
const envelope = (
  status: number,
  code: number,
  type: string,
  message: string,
  headers: Record<string, string>,
) => json(status, { meta: { code, type, message }, data: {} }, headers);

/** x-ratelimit-reset is the epoch second the window resets (real time: clients wait on it). */
function rateHeaders(remaining: number): Record<string, string> {
  return {
    'x-ratelimit-limit': String(RATE_LIMIT),
    'x-ratelimit-remaining': String(remaining),
    'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 1),
  };
}

/**
 * AfterShip Tracking API 2025-01, read side: `GET /trackings` (tracking_numbers, slug, tag,
 * keyword, limit, cursor; newest first) and `GET /trackings/{id}`. Every reply carries the
 * x-ratelimit-* headers; throttling is 429 with them and Retry-After.
 * https://www.aftership.com/docs/tracking/2025-01/api/get-trackings
 */
export class AfterShipAdapter implements VendorAdapter {
  readonly key = 'aftership';
  readonly describeRoutes = 'GET /tracking/2025-01/trackings, GET /tracking/2025-01/trackings/{id}';

  private refreshed = false;

  constructor(
    private readonly view: AfterShipView,
    private readonly options: { apiKey: string; rebuild?: () => AfterShipView },
  ) {}

  /** In place: every route holds this same view object. */
  refresh(): void {
    if (!this.options.rebuild) return;
    Object.assign(this.view, this.options.rebuild());
    this.refreshed = true;
  }

  /** After the world's parcels are put back: the view as it was built at start. */
  reset(): void {
    if (this.refreshed) this.refresh();
    this.refreshed = false;
  }

  /** The newest tracking of this tracking number. */
  tracking(trackingNumber: string): AfterShipTracking | undefined {
    return this.view.byNumber.get(trackingNumber)?.[0];
  }

  matches(_method: string, path: string): boolean {
    return path === LIST || ONE.test(path);
  }

  describe(req: VendorRequest): VendorCall {
    const route = req.path === LIST ? '/trackings' : '/trackings/{id}';
    return {
      operation: `${req.method} ${route}`,
      write: req.method !== 'GET',
      respond: () => this.respond(req),
    };
  }

  throttled(): VendorReply {
    return envelope(
      429,
      429,
      'TooManyRequests',
      `You have exceeded the API call rate limit. The default limit is ${RATE_LIMIT} requests per second.`,
      { ...rateHeaders(0), 'retry-after': '1' },
    );
  }

  unavailable(): VendorReply {
    return envelope(503, 503, 'ServiceUnavailable', 'Service temporarily unavailable (sandbox fault)', {});
  }

  private respond(req: VendorRequest): VendorReply {
    const headers = rateHeaders(RATE_LIMIT - 1);
    if (req.headers['as-api-key'] !== this.options.apiKey) {
      return envelope(401, 401, 'Unauthorized', 'The API key is invalid.', headers);
    }
    if (req.method !== 'GET') {
      return envelope(405, 405, 'MethodNotAllowed', 'The sandbox only reads trackings.', headers);
    }
    const id = ONE.exec(req.path)?.[1];
    if (id !== undefined) {
      const tracking = this.view.byId.get(id);
      return tracking
        ? json(200, { meta: { code: 200 }, data: tracking }, headers)
        : envelope(404, 4004, 'NotFound', 'Tracking does not exist.', headers);
    }
    return this.list(req.url.searchParams, headers);
  }

  private list(params: URLSearchParams, headers: Record<string, string>): VendorReply {
    const limit = Number(params.get('limit') ?? DEFAULT_LIMIT);
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      return envelope(400, 400, 'BadRequest', `limit must be an integer from 1 to ${MAX_LIMIT}.`, headers);
    }
    const numbers = csv(params.get('tracking_numbers'));
    if (numbers && numbers.length > MAX_NUMBERS) {
      return envelope(
        400,
        400,
        'BadRequest',
        `tracking_numbers supports up to ${MAX_NUMBERS} values.`,
        headers,
      );
    }
    const offset = decodeCursor(params.get('cursor'));
    if (offset === undefined) return envelope(400, 400, 'BadRequest', 'The cursor is invalid.', headers);

    const { byNumber, rank } = this.view;
    let trackings: AfterShipTracking[] = numbers
      ? [...new Set(numbers)]
          .flatMap((n) => byNumber.get(n) ?? [])
          .sort((a, b) => rank.get(a.id)! - rank.get(b.id)!)
      : this.view.trackings;
    const slugs = csv(params.get('slug'));
    if (slugs) trackings = trackings.filter((t) => slugs.includes(t.slug));
    const tags = csv(params.get('tag'));
    if (tags) trackings = trackings.filter((t) => tags.includes(t.tag));
    const keyword = params.get('keyword')?.trim().toLowerCase();
    if (keyword) {
      trackings = trackings.filter((t) =>
        [t.tracking_number, t.title, t.order_id, t.order_number].some((v) =>
          String(v ?? '')
            .toLowerCase()
            .includes(keyword),
        ),
      );
    }
    const page = trackings.slice(offset, offset + limit);
    const more = offset + limit < trackings.length;
    return json(
      200,
      {
        meta: { code: 200 },
        data: {
          pagination: {
            total: trackings.length,
            next_cursor: more ? encodeCursor(offset + limit) : null,
            has_next_page: more,
          },
          trackings: page,
        },
      },
      headers,
    );
  }
}

function csv(value: string | null): string[] | undefined {
  const items = value
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items?.length ? items : undefined;
}

/** Opaque to clients, as AfterShip's are; here it is just the offset. */
function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify([offset])).toString('base64');
}

function decodeCursor(cursor: string | null): number | undefined {
  if (!cursor) return 0;
  try {
    const [offset] = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as unknown[];
    return Number.isInteger(offset) && (offset as number) >= 0 ? (offset as number) : undefined;
  } catch {
    return undefined;
  }
}
