/**
 * The connector contract: everything a vendor folder under `connectors/` may import from the core.
 *
 * A connector fetches; it never returns canonical types and never reads `process.env`
 * (ARCHITECTURE.md). It returns the vendor's own payload tagged with the resource it is, and the
 * core maps it with `mappings/<type>/<resource>.yaml`.
 *
 * @example A minimal connector definition
 * ```ts
 * export const acmeOmsConnector = defineConnector({
 *   type: 'acme-oms',
 *   system: 'oms',
 *   capabilities: ['order.byNumber'],
 *   optionsSchema: z.object({ baseUrl: z.string().url(), apiKey: z.string() }),
 *   create: (options, ctx) => new AcmeOmsConnector(options, ctx),
 * });
 * ```
 * and one line in `src/connectors/connector.list.ts`.
 */
import { type z } from 'zod';

export { ConnectorError, parseRetryAfter, type ConnectorErrorCode } from './connector.error';

export type SystemKind = 'oms' | 'wms' | 'shipping' | 'payments' | 'crm';

/** What a connector can answer. The context service plans its calls from these. */
export type Capability = 'order.byNumber' | 'customer.byEmail';

/** A vendor payload as the vendor sent it, tagged with the mapping resource that translates it. */
export interface VendorRecord<R extends string = string> {
  /** The mapping file that reads it: `mappings/<connector type>/<resource>.yaml`. */
  resource: R;
  payload: unknown;
}

export interface CallOptions {
  /** Aborted when the request's deadline passes; connectors pass it on to their HTTP client. */
  signal?: AbortSignal;
}

/** What the core hands a connector at construction besides its validated options. */
export interface ConnectorContext {
  /** The connector id from the config (`connectors.<id>`), e.g. "shopify" or "shopify-eu". */
  id: string;
  logger: {
    debug(msg: string, meta?: object): void;
    warn(msg: string, meta?: object): void;
  };
}

export interface Connector {
  readonly id: string;
  readonly type: string;
  readonly system: SystemKind;
  readonly capabilities: readonly Capability[];
  /**
   * Values the mappings may read as `$ctx.<name>`, such as the admin origin for deep links.
   * Never secrets.
   */
  readonly mappingContext: Readonly<Record<string, string>>;

  /** `order.byNumber`: the order the customer knows as `number` ("1001", no "#"), or null. */
  orderByNumber?(number: string, options?: CallOptions): Promise<VendorRecord | null>;
  /** `customer.byEmail`: customers with this exact (normalized) email, possibly none. */
  customersByEmail?(email: string, options?: CallOptions): Promise<VendorRecord[]>;

  /** A cheap call that proves credentials and reachability. Throws ConnectorError when unhealthy. */
  healthCheck(options?: CallOptions): Promise<void>;
  /** Releases sockets and timers. */
  close?(): Promise<void>;
}

export interface ConnectorDefinition<O = unknown> {
  /** The `type:` value in the config that selects this connector. */
  type: string;
  system: SystemKind;
  capabilities: readonly Capability[];
  /** Validates the connector's config section at boot; every type accepts `baseUrl`. */
  optionsSchema: z.ZodType<O>;
  create(options: O, context: ConnectorContext): Connector;
}

/** Identity helper that keeps the options type tied to its schema. */
export function defineConnector<S extends z.ZodType>(
  definition: Omit<ConnectorDefinition<z.infer<S>>, 'optionsSchema'> & { optionsSchema: S },
): ConnectorDefinition<z.infer<S>> {
  return definition as ConnectorDefinition<z.infer<S>>;
}
