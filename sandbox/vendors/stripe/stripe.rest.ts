import {
  type VendorAdapter,
  type VendorCall,
  type VendorReply,
  type VendorRequest,
  json,
} from '../vendor.adapter';
import { WriteLedger } from '../../writes/write.ledger';
import { ExpandError, expandObject } from './stripe.expand';
import { listReply, SearchReplies } from './stripe.listing';
import { type StripeObject } from './stripe.payments.view';
import {
  apiUnavailable,
  invalidRequest,
  rateLimited,
  redactKey,
  resourceMissing,
  stripeError,
} from './stripe.replies';
import { StripeRefundWrites } from './stripe.refund-writes';
import { type FieldKind } from './stripe.search';
import { type StripeView } from './stripe.view';

export const DEFAULT_STRIPE_SECRET_KEY = 'sk_test_sandbox';
/** The account's default version, returned when a request does not pin one. */
const ACCOUNT_API_VERSION = '2026-10-28.endive';

interface Context {
  url: URL;
  id?: string;
  expand: string[];
}

interface Route {
  pattern: RegExp;
  /** Operation name for stats. */
  name: string;
  /** Query parameters besides expand (anything else is refused, as Stripe does). */
  params: readonly string[];
  handle(ctx: Context): VendorReply;
}

const PAGING = ['limit', 'starting_after', 'ending_before'];
const SEARCHING = ['query', 'limit', 'page'];

/** Search fields the sandbox serves. https://docs.stripe.com/search#query-fields-for-payment-intents */
const PAYMENT_INTENT_FIELDS: Record<string, FieldKind> = {
  amount: 'number',
  created: 'number',
  currency: 'string',
  customer: 'string',
  metadata: 'metadata',
  status: 'string',
};
const CUSTOMER_FIELDS: Record<string, FieldKind> = {
  created: 'number',
  email: 'substring',
  metadata: 'metadata',
  name: 'substring',
  phone: 'substring',
};

export interface StripeAdapterOptions {
  secretKey: string;
  /** Where writes are recorded (and the world's clock); a private one when not given. */
  ledger?: WriteLedger;
  /** Builds the view afresh: a reset puts back what writes changed. */
  rebuild?: () => StripeView;
}

/**
 * Stripe's REST API (`GET /v1/...`, `Authorization: Bearer sk_test_sandbox`): PaymentIntents
 * (list, search, retrieve), charges, refunds, disputes and customers, with `expand[]`, list
 * paging and the search query language. Lists are `{ object: 'list', data, has_more, url }`,
 * searches `{ object: 'search_result', data, has_more, next_page, url }`. One write:
 * `POST /v1/refunds` (stripe.refund-writes.ts).
 * https://docs.stripe.com/api
 */
export class StripeRestAdapter implements VendorAdapter {
  readonly key = 'stripe';
  readonly describeRoutes =
    'GET /v1/{payment_intents,charges,refunds,disputes,customers}[/search|/{id}], POST /v1/refunds';
  private readonly routes: Route[];
  private readonly writes: StripeRefundWrites;
  private requestSeq = 0;

  constructor(
    private readonly view: StripeView,
    private readonly options: StripeAdapterOptions = { secretKey: DEFAULT_STRIPE_SECRET_KEY },
  ) {
    this.writes = new StripeRefundWrites(view, options.ledger ?? new WriteLedger());
    const v = view;
    const searches = new SearchReplies(view);
    const list = (
      c: Context,
      all: StripeObject[],
      filters: string[],
      fixed?: Record<string, string | undefined>,
    ) => listReply(view, c, all, filters, fixed);
    const search = (c: Context, all: StripeObject[], fields: Record<string, FieldKind>, resource: string) =>
      searches.reply(c, all, fields, resource);
    this.routes = [
      route('/v1/payment_intents', ['customer', ...PAGING], (c) => list(c, v.paymentIntents, ['customer'])),
      route('/v1/payment_intents/search', SEARCHING, (c) =>
        search(c, v.paymentIntents, PAYMENT_INTENT_FIELDS, 'payment_intents'),
      ),
      route('/v1/payment_intents/:id', [], (c) => this.retrieve(c, 'payment_intent')),
      route('/v1/charges', ['customer', 'payment_intent', ...PAGING], (c) =>
        list(c, v.charges, ['customer', 'payment_intent']),
      ),
      route('/v1/charges/:id/refunds', PAGING, (c) => list(c, v.refunds, [], { charge: c.id })),
      route('/v1/charges/:id', [], (c) => this.retrieve(c, 'charge')),
      route('/v1/refunds', ['charge', 'payment_intent', ...PAGING], (c) =>
        list(c, v.refunds, ['charge', 'payment_intent']),
      ),
      route('/v1/refunds/:id', [], (c) => this.retrieve(c, 'refund')),
      route('/v1/disputes', ['charge', 'payment_intent', ...PAGING], (c) =>
        list(c, v.disputes, ['charge', 'payment_intent']),
      ),
      route('/v1/disputes/:id', [], (c) => this.retrieve(c, 'dispute')),
      // `email` is an exact, case-sensitive filter on the list (the search API ignores case).
      route('/v1/customers', ['email', ...PAGING], (c) => list(c, v.customers, ['email'])),
      route('/v1/customers/search', SEARCHING, (c) => search(c, v.customers, CUSTOMER_FIELDS, 'customers')),
      route('/v1/customers/:id', [], (c) => this.retrieve(c, 'customer')),
    ];
  }

  matches(_method: string, path: string): boolean {
    return path === '/v1' || path.startsWith('/v1/');
  }

  describe(req: VendorRequest): VendorCall {
    if (req.method === 'POST' && req.path === '/v1/refunds') {
      return {
        operation: 'POST /v1/refunds',
        write: true,
        respond: () => this.withHeaders(req, this.authenticate(req) ?? this.writes.create(req)),
      };
    }
    const found = req.method === 'GET' ? this.match(req.path) : undefined;
    return {
      operation: found ? `GET ${found.route.name}` : `${req.method} (unrecognized)`,
      write: req.method !== 'GET',
      respond: () => this.withHeaders(req, this.respond(req, found)),
    };
  }

  throttled(): VendorReply {
    return rateLimited();
  }

  unavailable(): VendorReply {
    return apiUnavailable();
  }

  reset(): void {
    this.requestSeq = 0;
    this.writes.reset();
    // In place: the routes, searches and writes hold this same view object.
    if (this.options.rebuild) Object.assign(this.view, this.options.rebuild());
  }

  private respond(req: VendorRequest, found: { route: Route; id?: string } | undefined): VendorReply {
    const denied = this.authenticate(req);
    if (denied) return denied;
    if (!found) return stripeError(404, `Unrecognized request URL (${req.method}: ${req.path}).`);
    const expand: string[] = [];
    for (const [name, value] of req.url.searchParams) {
      if (/^expand(\[\d*\])?$/.test(name)) expand.push(value);
      else if (!found.route.params.includes(name))
        return invalidRequest(`Received unknown parameter: ${name}`, name);
    }
    try {
      return found.route.handle({ url: req.url, id: found.id, expand });
    } catch (error) {
      if (error instanceof ExpandError) {
        return invalidRequest(`This property cannot be expanded (${error.message}).`, 'expand');
      }
      throw error;
    }
  }

  /** Secret key as Bearer (what the SDKs send) or as the Basic user name (curl -u sk_...:). */
  private authenticate(req: VendorRequest): VendorReply | undefined {
    const header = req.headers.authorization ?? '';
    const key = header.startsWith('Bearer ')
      ? header.slice(7).trim()
      : header.startsWith('Basic ')
        ? Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0]
        : '';
    if (!key) {
      return stripeError(
        401,
        "You did not provide an API key. Send your secret key as 'Authorization: Bearer sk_...'.",
      );
    }
    if (key !== this.options.secretKey)
      return stripeError(401, `Invalid API Key provided: ${redactKey(key)}`);
    return undefined;
  }

  private match(path: string): { route: Route; id?: string } | undefined {
    for (const r of this.routes) {
      const m = r.pattern.exec(path);
      if (m) return { route: r, id: m[1] ? decodeURIComponent(m[1]) : undefined };
    }
    return undefined;
  }

  private retrieve(ctx: Context, object: string): VendorReply {
    const found = this.view.objects.get(ctx.id ?? '');
    if (!found || found.object !== object) return resourceMissing(object, ctx.id ?? '');
    return json(200, expandObject(found, ctx.expand, this.view));
  }

  private withHeaders(req: VendorRequest, reply: VendorReply): VendorReply {
    const version = req.headers['stripe-version'];
    return {
      ...reply,
      headers: {
        ...reply.headers,
        'request-id': `req_sandbox${(++this.requestSeq).toString(16).padStart(10, '0')}`,
        'stripe-version': typeof version === 'string' && version ? version : ACCOUNT_API_VERSION,
      },
    };
  }
}

function route(path: string, params: readonly string[], handle: Route['handle']): Route {
  const pattern = new RegExp(`^${path.replace(':id', '([^/]+)')}$`);
  return { pattern, name: path, params, handle };
}
