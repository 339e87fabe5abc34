import { json, type VendorReply } from '../vendor.adapter';
import { expandItems } from './stripe.expand';
import { type StripeObject } from './stripe.payments.view';
import { invalidRequest, stripeError } from './stripe.replies';
import {
  checkFields,
  type FieldKind,
  matches,
  parseSearchQuery,
  type SearchQuery,
  SearchQueryError,
} from './stripe.search';
import { type StripeView } from './stripe.view';

export interface ListRequest {
  url: URL;
  expand: string[];
}

/**
 * A list endpoint: equality filters, `limit` (1–100, default 10), `starting_after`/`ending_before`;
 * `{ object: 'list', data, has_more, url }`. https://docs.stripe.com/api/pagination
 */
export function listReply(
  view: StripeView,
  req: ListRequest,
  all: StripeObject[],
  filters: readonly string[],
  fixed: Record<string, string | undefined> = {},
): VendorReply {
  const q = req.url.searchParams;
  const limit = parseLimit(q.get('limit'));
  if (typeof limit === 'string') return invalidRequest(limit, 'limit');
  const wanted = { ...Object.fromEntries(filters.map((f) => [f, q.get(f) ?? undefined])), ...fixed };
  const tests = Object.entries(wanted).filter(([, v]) => v !== undefined);
  let items = tests.length ? all.filter((o) => tests.every(([k, v]) => o[k] === v)) : all;
  for (const param of ['starting_after', 'ending_before'] as const) {
    const cursor = q.get(param);
    if (cursor === null) continue;
    const at = items.findIndex((o) => o.id === cursor);
    if (at < 0) return stripeError(400, `No such object: '${cursor}'`, { code: 'resource_missing', param });
    items = param === 'starting_after' ? items.slice(at + 1) : items.slice(Math.max(0, at - limit), at);
  }
  const page = items.slice(0, limit);
  return json(200, {
    object: 'list',
    data: expandItems(page, req.expand, view),
    has_more: items.length > page.length,
    url: req.url.pathname,
  });
}

/**
 * Search endpoints: the query language, `limit`, an opaque `page` token;
 * `{ object: 'search_result', data, has_more, next_page, url }`. https://docs.stripe.com/search
 */
export class SearchReplies {
  /** Parsed queries are kept (bounded): benchmarks send the same few queries many times. */
  private readonly queries = new Map<string, SearchQuery | SearchQueryError>();

  constructor(private readonly view: StripeView) {}

  reply(
    req: ListRequest,
    all: StripeObject[],
    fields: Record<string, FieldKind>,
    resource: string,
  ): VendorReply {
    const q = req.url.searchParams;
    const text = q.get('query');
    if (!text) return invalidRequest('Missing required param: query.', 'query');
    const limit = parseLimit(q.get('limit'));
    if (typeof limit === 'string') return invalidRequest(limit, 'limit');
    const offset = parsePage(q.get('page'));
    if (offset === undefined) return invalidRequest('Invalid page token.', 'page');
    const query = this.parse(text);
    const problem = query instanceof SearchQueryError ? query : checkFields(query, fields, resource);
    if (problem) return invalidRequest(`Invalid search query: ${problem.message}`, 'query');
    const hits = all.filter((o) => matches(o, query as SearchQuery, fields));
    const page = hits.slice(offset, offset + limit);
    const more = offset + page.length < hits.length;
    return json(200, {
      object: 'search_result',
      data: expandItems(page, req.expand, this.view),
      has_more: more,
      next_page: more ? pageToken(offset + page.length) : null,
      url: req.url.pathname,
    });
  }

  private parse(text: string): SearchQuery | SearchQueryError {
    let parsed = this.queries.get(text);
    if (!parsed) {
      try {
        parsed = parseSearchQuery(text);
      } catch (error) {
        if (!(error instanceof SearchQueryError)) throw error;
        parsed = error;
      }
      if (this.queries.size >= 1000) this.queries.clear();
      this.queries.set(text, parsed);
    }
    return parsed;
  }
}

function parseLimit(raw: string | null): number | string {
  if (raw === null) return 10;
  if (!/^\d+$/.test(raw)) return `Invalid integer: ${raw}`;
  const n = Number(raw);
  return n >= 1 && n <= 100 ? n : 'limit must be between 1 and 100.';
}

function pageToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset }), 'utf8').toString('base64url');
}

function parsePage(raw: string | null): number | undefined {
  if (raw === null) return 0;
  try {
    const offset = (JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { offset?: unknown })
      .offset;
    return typeof offset === 'number' && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}
