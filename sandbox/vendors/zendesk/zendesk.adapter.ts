import {
  json,
  type VendorAdapter,
  type VendorCall,
  type VendorReply,
  type VendorRequest,
} from '../vendor.adapter';
import { searchTickets, searchUsers } from './zendesk.search';
import { AGENT_EMAIL, type ZendeskObject, type ZendeskView } from './zendesk.view';

export const ZENDESK_SANDBOX_API_TOKEN = 'zd_sandbox';
/** Basic `{email}/token:{api token}`: https://developer.zendesk.com/api-reference/introduction/security-and-auth/ */
const BASIC = `Basic ${Buffer.from(`${AGENT_EMAIL}/token:${ZENDESK_SANDBOX_API_TOKEN}`).toString('base64')}`;
const MAX_PER_PAGE = 100;

type Route = { operation: string; handle: (req: VendorRequest) => VendorReply };

/**
 * Zendesk Support API v2, read endpoints: users search, ticket search, a user's requested tickets, users/me,
 * single user and ticket. `.json` suffixes are optional, as on Zendesk. 429 with Retry-After.
 * https://developer.zendesk.com/api-reference/
 */
export class ZendeskAdapter implements VendorAdapter {
  readonly key = 'zendesk';
  readonly describeRoutes =
    'GET /api/v2/users/search, /api/v2/search (tickets), /api/v2/users/{id}/tickets/requested, /api/v2/users/me, ' +
    '/api/v2/users/{id}, /api/v2/tickets/{id}';

  constructor(
    private readonly view: ZendeskView,
    private readonly authorization = BASIC,
  ) {}

  matches(_method: string, path: string): boolean {
    return path.startsWith('/api/v2/');
  }

  describe(req: VendorRequest): VendorCall {
    const route = req.method === 'GET' ? this.route(req.path.replace(/\.json$/, '')) : undefined;
    return {
      operation: route?.operation ?? `${req.method} (unknown route)`,
      write: req.method !== 'GET',
      respond: () => this.respond(req, route),
    };
  }

  /** https://developer.zendesk.com/api-reference/introduction/rate-limits/ */
  throttled(): VendorReply {
    return json(
      429,
      { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' },
      { 'retry-after': '1', 'x-rate-limit-remaining': '0' },
    );
  }

  unavailable(): VendorReply {
    return json(503, {
      error: 'ServiceUnavailable',
      description: 'Service temporarily unavailable (sandbox fault)',
    });
  }

  private respond(req: VendorRequest, route: Route | undefined): VendorReply {
    if (req.headers.authorization !== this.authorization) {
      return json(
        401,
        { error: "Couldn't authenticate you" },
        { 'www-authenticate': 'Basic realm="Web Password"' },
      );
    }
    if (!route) {
      return json(404, { error: 'InvalidEndpoint', description: `Not found: ${req.method} ${req.path}` });
    }
    return route.handle(req);
  }

  private route(path: string): Route | undefined {
    if (path === '/api/v2/users/search')
      return { operation: 'GET /api/v2/users/search', handle: (r) => this.search(r) };
    if (path === '/api/v2/search')
      return { operation: 'GET /api/v2/search', handle: (r) => this.searchAll(r) };
    if (path === '/api/v2/users/me')
      return { operation: 'GET /api/v2/users/me', handle: () => json(200, { user: this.view.agent }) };
    let m = /^\/api\/v2\/users\/(\d+)\/tickets\/requested$/.exec(path);
    if (m) {
      const id = Number(m[1]);
      return { operation: 'GET /api/v2/users/{id}/tickets/requested', handle: (r) => this.requested(id, r) };
    }
    m = /^\/api\/v2\/users\/(\d+)$/.exec(path);
    if (m) {
      const user = this.view.usersById.get(Number(m[1]));
      return { operation: 'GET /api/v2/users/{id}', handle: () => found(user && { user }) };
    }
    m = /^\/api\/v2\/tickets\/(\d+)$/.exec(path);
    if (m) {
      const ticket = this.view.ticketsById.get(Number(m[1]));
      return { operation: 'GET /api/v2/tickets/{id}', handle: () => found(ticket && { ticket }) };
    }
    return undefined;
  }

  private search(req: VendorRequest): VendorReply {
    const query = req.url.searchParams.get('query');
    const externalId = req.url.searchParams.get('external_id');
    if (!query && !externalId) {
      return json(400, { error: 'InvalidValue', description: 'query or external_id is required' });
    }
    const users = query
      ? searchUsers(this.view.users, query)
      : this.view.users.filter((u) => u.external_id === externalId);
    return this.page(req, 'users', users);
  }

  /**
   * `GET /search`: tickets only (see searchTickets), each with `result_type`; sortable by
   * created_at, updated_at, priority, status or ticket_type, newest first unless `sort_order=asc`
   * (Zendesk's default order for a sort), by id when no sort is asked.
   */
  private searchAll(req: VendorRequest): VendorReply {
    const query = req.url.searchParams.get('query');
    if (!query) return json(400, { error: 'InvalidValue', description: 'query is required' });
    const q = req.url.searchParams;
    const key = q.get('sort_by');
    if (key && !['created_at', 'updated_at', 'priority', 'status', 'ticket_type'].includes(key)) {
      return json(400, { error: 'InvalidValue', description: `sort_by ${key} is not supported` });
    }
    const tickets = searchTickets(this.view.users, this.view.ticketsOfRequester, query);
    const sorted = sortBy(tickets, key ?? 'id', key ? q.get('sort_order') !== 'asc' : false);
    return this.page(
      req,
      'results',
      sorted.map((t) => ({ ...t, result_type: 'ticket' })),
      { facets: null },
    );
  }

  /** Sortable by created_at, updated_at, id, status, priority or subject; oldest id first by default. */
  private requested(userId: number, req: VendorRequest): VendorReply {
    if (!this.view.usersById.has(userId)) return found(undefined);
    const q = req.url.searchParams;
    const key = q.get('sort_by') ?? 'id';
    if (!['created_at', 'updated_at', 'id', 'status', 'priority', 'subject'].includes(key)) {
      return json(400, { error: 'InvalidValue', description: `sort_by ${key} is not supported` });
    }
    const tickets = sortBy(
      this.view.ticketsOfRequester.get(userId) ?? [],
      key,
      q.get('sort_order') === 'desc',
    );
    return this.page(req, 'tickets', tickets);
  }

  /** Offset pagination: `per_page` (max 100) and `page`; next/previous pages as absolute URLs. */
  private page(
    req: VendorRequest,
    name: string,
    all: ZendeskObject[],
    extra: Record<string, unknown> = {},
  ): VendorReply {
    const q = req.url.searchParams;
    const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Number(q.get('per_page')) || MAX_PER_PAGE));
    const page = Math.max(1, Number(q.get('page')) || 1);
    const link = (n: number) => {
      const url = new URL(req.url.pathname + req.url.search, `http://${req.headers.host ?? 'localhost'}`);
      url.searchParams.set('page', String(n));
      return url.toString();
    };
    return json(200, {
      [name]: all.slice((page - 1) * perPage, page * perPage),
      next_page: page * perPage < all.length ? link(page + 1) : null,
      previous_page: page > 1 ? link(page - 1) : null,
      count: all.length,
      ...extra,
    });
  }
}

/** By `key`, ties by id; a copy. */
function sortBy(objects: readonly ZendeskObject[], key: string, desc: boolean): ZendeskObject[] {
  return [...objects].sort((a, b) => {
    const x = a[key] as string | number;
    const y = b[key] as string | number;
    const order = x < y ? -1 : x > y ? 1 : a.id - b.id;
    return desc ? -order : order;
  });
}

function found(body: unknown): VendorReply {
  return body === undefined
    ? json(404, { error: 'RecordNotFound', description: 'Not found' })
    : json(200, body);
}
