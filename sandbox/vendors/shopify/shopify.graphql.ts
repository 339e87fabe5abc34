import { DocumentCache } from '../../graphql/document.cache';
import { execute, prepare, type PreparedOperation } from '../../graphql/graphql.executor';
import { GraphqlRequestError } from '../../graphql/graphql.error';
import {
  json,
  type VendorAdapter,
  type VendorCall,
  type VendorReply,
  type VendorRequest,
} from '../vendor.adapter';
import { WriteLedger } from '../../writes/write.ledger';
import { LeakyBucket, type RateLimitOptions, type ThrottleStatus } from './shopify.cost';
import { ShopifyMutations } from './shopify.mutations';
import { shopifyRoot, type SearchReport } from './shopify.root';
import { type ShopifyView } from './shopify.view';

const ROUTE = /^\/admin\/api\/([^/]+)\/graphql\.json$/;
/** Shopify's cost of a mutation: 10 points, paid before it runs. */
const MUTATION_COST = 10;

export interface ShopifyAdapterOptions {
  accessToken: string;
  rateLimit?: RateLimitOptions;
  /** Where writes are recorded (and the world's clock); a private one when not given. */
  ledger?: WriteLedger;
  /** Builds the view afresh: a reset puts back what mutations changed. */
  rebuild?: () => ShopifyView;
}

interface Body {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

/**
 * Shopify GraphQL Admin API: `POST /admin/api/{version}/graphql.json` with X-Shopify-Access-Token.
 * Queries read the view; mutations (shopify.mutations.ts) change it and land in the write ledger.
 * Replies carry `extensions.cost`; throttling is HTTP 200 with a THROTTLED error.
 * https://shopify.dev/docs/api/admin-graphql
 */
export class ShopifyGraphqlAdapter implements VendorAdapter {
  readonly key = 'shopify';
  readonly describeRoutes = 'POST /admin/api/{version}/graphql.json';
  readonly bucket: LeakyBucket;
  private readonly documents = new DocumentCache();
  /** Last cost seen per operation: what an injected throttle reports as the requested cost. */
  private readonly lastCost = new Map<string, number>();
  private readonly mutations: ShopifyMutations;

  constructor(
    private readonly view: ShopifyView,
    private readonly options: ShopifyAdapterOptions,
  ) {
    this.bucket = new LeakyBucket(options.rateLimit);
    this.mutations = new ShopifyMutations(view, options.ledger ?? new WriteLedger());
  }

  matches(_method: string, path: string): boolean {
    return ROUTE.test(path);
  }

  describe(req: VendorRequest): VendorCall {
    let body: Body | undefined;
    try {
      const parsed: unknown = JSON.parse(req.body);
      if (parsed && typeof parsed === 'object') body = parsed as Body;
    } catch {
      body = undefined;
    }
    const prepared =
      typeof body?.query === 'string'
        ? prepare(
            this.documents,
            body.query,
            typeof body.operationName === 'string' ? body.operationName : undefined,
          )
        : undefined;
    const ok = prepared && !(prepared instanceof GraphqlRequestError) ? prepared : undefined;
    return {
      operation: ok?.name ?? 'invalid',
      write: ok?.operation.operation === 'mutation',
      respond: () => this.respond(req, body, prepared),
    };
  }

  throttled(call: VendorCall): VendorReply {
    const requested = this.lastCost.get(call.operation) ?? 50;
    const status = this.bucket.status();
    const low = {
      ...status,
      currentlyAvailable: Math.max(0, Math.min(status.currentlyAvailable, requested - 1)),
    };
    return json(200, this.throttledReply(requested, low));
  }

  unavailable(): VendorReply {
    return json(503, { errors: 'Service Unavailable: the shop is temporarily unavailable (sandbox fault)' });
  }

  reset(): void {
    this.bucket.reset();
    this.lastCost.clear();
    this.mutations.reset();
    // In place: the mutations and every resolver hold this same view object.
    if (this.options.rebuild) Object.assign(this.view, this.options.rebuild());
  }

  private respond(
    req: VendorRequest,
    body: Body | undefined,
    prepared: PreparedOperation | GraphqlRequestError | undefined,
  ) {
    const version = ROUTE.exec(req.path)?.[1] ?? '';
    const headers = { 'x-shopify-api-version': version };
    if (req.method !== 'POST') return json(405, { errors: 'Method Not Allowed' }, headers);
    if (req.headers['x-shopify-access-token'] !== this.options.accessToken) {
      return json(
        401,
        { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' },
        headers,
      );
    }
    if (!prepared) return json(400, { errors: { query: 'Required parameter missing or invalid' } }, headers);
    if (prepared instanceof GraphqlRequestError)
      return json(200, { errors: [prepared.entry], extensions: this.cost(1, 1) }, headers);

    const searches: SearchReport[] = [];
    const variables =
      body?.variables && typeof body.variables === 'object'
        ? (body.variables as Record<string, unknown>)
        : undefined;
    const roots = { query: shopifyRoot(this.view, searches), mutation: this.mutations.root(version) };
    // A mutation pays before it runs, so a throttled one changes nothing.
    const mutation = prepared.operation.operation === 'mutation';
    if (mutation && !this.bucket.take(MUTATION_COST))
      return json(200, this.throttledReply(MUTATION_COST, this.bucket.status()), headers);
    const result = execute(prepared, variables, roots);
    // Roughly one point per object returned, at least one (Shopify: objects 1, scalars 0).
    const cost = mutation ? MUTATION_COST : Math.max(1, result.objects);
    this.lastCost.set(prepared.name, cost);
    if (!mutation && !this.bucket.take(cost))
      return json(200, this.throttledReply(cost, this.bucket.status()), headers);
    const extensions = { ...this.cost(cost, cost), ...(searches.length ? { search: searches } : {}) };
    if (result.errors) return json(200, { errors: result.errors, extensions }, headers);
    return json(200, { data: result.data, extensions }, headers);
  }

  private cost(requested: number, actual: number | null, status = this.bucket.status()) {
    return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: status } };
  }

  private throttledReply(requested: number, status: ThrottleStatus) {
    return {
      errors: [
        {
          message: 'Throttled',
          extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
        },
      ],
      extensions: this.cost(requested, null, status),
    };
  }
}
