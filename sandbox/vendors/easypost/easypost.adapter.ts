import {
  json,
  type VendorAdapter,
  type VendorCall,
  type VendorReply,
  type VendorRequest,
} from '../vendor.adapter';
import { type EasyPostTracker, type EasyPostView } from './easypost.view';

/** The sandbox's EasyPost test key: Basic auth with it as the user name, no password. */
export const EASYPOST_SANDBOX_API_KEY = 'EZTK_sandbox';

const LIST = '/v2/trackers';
const ONE = /^\/v2\/trackers\/([^/]+)$/;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

/** EasyPost's error body: https://docs.easypost.com/docs/errors */
const error = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  json(status, { error: { code, message, errors: [] } }, headers);

/**
 * EasyPost Tracker API, read side: `GET /v2/trackers` (filter by tracking_code and carrier,
 * newest first, page_size/before_id paging) and `GET /v2/trackers/{id}`. Throttles with 429 and
 * Retry-After. https://docs.easypost.com/docs/trackers
 */
export class EasyPostAdapter implements VendorAdapter {
  readonly key = 'easypost';
  readonly describeRoutes = 'GET /v2/trackers, GET /v2/trackers/{id}';

  private refreshed = false;

  constructor(
    private readonly view: EasyPostView,
    private readonly options: { apiKey: string; rebuild?: () => EasyPostView },
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

  /** The newest tracker of this tracking code, as `GET /v2/trackers?tracking_code=` lists it first. */
  tracker(trackingCode: string): EasyPostTracker | undefined {
    return this.view.byCode.get(trackingCode)?.[0];
  }

  matches(_method: string, path: string): boolean {
    return path === LIST || ONE.test(path);
  }

  describe(req: VendorRequest): VendorCall {
    const route = req.path === LIST ? LIST : `${LIST}/{id}`;
    return {
      operation: `${req.method} ${route}`,
      write: req.method !== 'GET',
      respond: () => this.respond(req),
    };
  }

  throttled(): VendorReply {
    return error(429, 'RATE_LIMITED', 'You have sent too many requests. Please retry later.', {
      'retry-after': '1',
    });
  }

  unavailable(): VendorReply {
    return error(503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable (sandbox fault)');
  }

  private respond(req: VendorRequest): VendorReply {
    if (!this.authorized(req.headers.authorization)) {
      return error(
        401,
        'APIKEY.REQUIRED',
        'A valid API key is required (HTTP Basic, the key as the user name).',
      );
    }
    if (req.method !== 'GET') return error(405, 'METHOD.NOT_ALLOWED', 'The sandbox only reads trackers.');
    const id = ONE.exec(req.path)?.[1];
    if (id !== undefined) {
      const tracker = this.view.byId.get(id);
      return tracker
        ? json(200, tracker)
        : error(404, 'NOT_FOUND', 'The requested resource could not be found.');
    }
    return this.list(req.url.searchParams);
  }

  private list(params: URLSearchParams): VendorReply {
    const size = Number(params.get('page_size') ?? DEFAULT_PAGE_SIZE);
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
      return error(422, 'PARAMETER.INVALID', `page_size must be an integer from 1 to ${MAX_PAGE_SIZE}`);
    }
    const code = params.get('tracking_code');
    const carrier = params.get('carrier');
    let trackers: EasyPostTracker[] = code !== null ? (this.view.byCode.get(code) ?? []) : this.view.trackers;
    if (carrier) trackers = trackers.filter((t) => t.carrier === carrier);
    const before = params.get('before_id');
    if (before) {
      const at = trackers.findIndex((t) => t.id === before);
      trackers = at === -1 ? [] : trackers.slice(at + 1);
    }
    return json(200, { trackers: trackers.slice(0, size), has_more: trackers.length > size });
  }

  private authorized(header: string | undefined): boolean {
    const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
    if (!match) return false;
    const user = Buffer.from(match[1], 'base64').toString('utf8').split(':')[0];
    return user === this.options.apiKey;
  }
}
