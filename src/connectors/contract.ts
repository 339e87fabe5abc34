/**
 * The connector contract: everything a vendor folder under `connectors/` may import from the core.
 *
 * A connector fetches; it never returns canonical types and never reads `process.env`
 * (docs/architecture.md "The parts"). It returns the vendor's own payload tagged with the resource it is, and the
 * core maps it with `mappings/<type>/<resource>.yaml`.
 *
 * @example A minimal connector definition
 * ```ts
 * export const acmeOmsConnector = defineConnector({
 *   type: 'acme-oms',
 *   system: 'oms',
 *   capabilities: ['order.byNumber'],
 *   optionsSchema: z.object({ baseUrl: z.string().url(), apiKey: z.string() }),
 *   payloads: { order: acmeOrderSchema }, // what mappings/acme-oms/order.yaml may read
 *   mappingContext: ['adminUrl'],
 *   create: (options, ctx) => new AcmeOmsConnector(options, ctx),
 * });
 * ```
 * and one line in `src/connectors/connector.list.ts`.
 */
import { type VendorBudget } from './vendor-budget';
import { z } from 'zod';

export { ConnectorError, parseRetryAfter, type ConnectorErrorCode } from './connector.error';
export { HttpClient, type HttpClientOptions, type HttpReply, type RequestOptions } from './http/http-client';
import { type PhoneRegion } from '../phones/phone';

export { phoneKey, type PhoneRegion, samePhone, toE164 } from '../phones/phone';
export {
  addDecimals,
  compareDecimals,
  currencyExponent,
  fromStripeAmount,
  subtractDecimals,
  toStripeAmount,
  UnknownCurrencyError,
} from '../money';
export { RestConnector, type RestConnectorSetup } from './rest-connector';
export { SingleFlight } from './single-flight';
export { writeOnce } from './write-once';
export { type BudgetKind, type BudgetRequest, type VendorBudget } from './vendor-budget';
export {
  asRecord,
  assertFresh,
  hmacSha256,
  idText,
  parseJsonBody,
  requireHeader,
  signatureMatches,
  WebhookRejected,
  type WebhookRejectionCode,
  webhookSubject,
} from './webhook-signature';

export type SystemKind = 'oms' | 'wms' | 'shipping' | 'payments' | 'crm';

/**
 * What a connector can answer. The context service plans its calls from these; each capability
 * is one optional method on Connector, and says which canonical target its records map to.
 *
 * | capability           | method               | records map to (mapping `target:`)         |
 * |----------------------|----------------------|--------------------------------------------|
 * | order.byNumber       | orderByNumber        | order (OMS) or orderFragment (WMS, payments) |
 * | orders.byNumbers     | ordersByNumbers      | as order.byNumber, several orders in one call |
 * | orders.byCustomer    | ordersByCustomer     | order                                      |
 * | customer.byEmail     | customersByEmail     | customer                                   |
 * | customer.byPhone     | customersByPhone     | customer                                   |
 * | customers.byName     | customersByName      | customer                                   |
 * | shipments.byTracking | trackShipments       | shipment                                   |
 * | cases.byCustomer     | casesByCustomer      | supportCase                                |
 */
export type Capability =
  | 'order.byNumber'
  | 'orders.byNumbers'
  | 'orders.byCustomer'
  | 'customer.byEmail'
  | 'customer.byPhone'
  | 'customers.byName'
  | 'shipments.byTracking'
  | 'cases.byCustomer';

/** A parcel to track: the carrier's tracking number and, when known, the carrier's name as the source gave it. */
export interface TrackingRef {
  trackingNumber: string;
  carrier?: string;
}

/** Who a customer-level question is about: a normalized email (trimmed, lower case) and/or an E.164 phone. */
export interface CustomerRef {
  email?: string;
  phone?: string;
}

/** A vendor payload as the vendor sent it, tagged with the mapping resource that translates it. */
export interface VendorRecord<R extends string = string> {
  /** The mapping file that reads it: `mappings/<connector type>/<resource>.yaml`. */
  resource: R;
  payload: unknown;
}

/** The key a request is about. */
export interface LookupSubject {
  orderNumber?: string;
  email?: string;
  phone?: string;
}

/**
 * Writes a connector can perform for `POST /v1/orders/{n}/actions`. Each is one entry in
 * `Connector.actions`, and runs through `Connector.performAction`.
 */
export type ActionType = 'cancel' | 'refund' | 'note' | 'replacement' | 'store_credit';

export interface CancelParams {
  reason: 'customer' | 'inventory' | 'fraud' | 'declined' | 'staff' | 'other';
  /** Refund the payments too (Shopify's `refund` flag). */
  refund: boolean;
  restock: boolean;
  notifyCustomer: boolean;
  staffNote?: string;
}

export interface RefundParams {
  /** Decimal string in the currency's own scale ("12.34"). */
  amount: string;
  currency: string;
  reason?: string;
}

export interface NoteParams {
  text: string;
  /** Who wrote it (the API key's name, or an agent named in the request). */
  author: string;
  /**
   * The order's customer email. A CRM (HubSpot) knows people, not orders: it files the note on
   * the contact with this email, and cannot write the note without it.
   */
  customerEmail?: string;
}

/** A replacement order: the items again, at no charge, to the order's address. */
export interface ReplacementParams {
  /** Which items and how many; absent: every item of the order, as many as were ordered. */
  items?: { sku: string; quantity?: number }[];
  reason?: string;
}

/** Store credit for the order's customer, in the currency the customer paid. */
export interface StoreCreditParams {
  /** Decimal string in the currency's own scale ("12.34"). */
  amount: string;
  currency: string;
  reason?: string;
}

export type ActionRequest =
  | { id: string; type: 'cancel'; orderNumber: string; params: CancelParams }
  | { id: string; type: 'refund'; orderNumber: string; params: RefundParams }
  | { id: string; type: 'note'; orderNumber: string; params: NoteParams }
  | { id: string; type: 'replacement'; orderNumber: string; params: ReplacementParams }
  | { id: string; type: 'store_credit'; orderNumber: string; params: StoreCreditParams };

/** Why an action ended with a person: the error code (ConnectorErrorCode, or the hub's own) and message. */
export interface ActionFailure {
  code: string;
  message: string;
}

/** Steps a person follows in a vendor's admin, and a deep link to where they start. */
export interface ManualSteps {
  instructions: string;
  url?: string;
}

export interface ActionResult {
  /** The vendor's id of what the write created or changed (refund id, note id, order id). */
  externalId?: string;
  /** A deep link to it in the vendor's admin. */
  url?: string;
  /** One sentence for the action's record: what the vendor now shows. */
  summary: string;
}

/**
 * How safe a write is to send again when the hub cannot know whether the first attempt landed
 * (the process died mid-call, a timeout after the vendor received it).
 * - `keyed`: the vendor deduplicates on the idempotency key the connector sends (Stripe
 *   `Idempotency-Key`, Shopify `@idempotent`): retry freely.
 * - `natural`: sending it twice has the effect of sending it once (cancelling a cancelled
 *   order), or the connector checks before it writes.
 * - `unsafe`: a second send may duplicate; the hub hands an unknown outcome to a person.
 */
export type WriteSafety = 'keyed' | 'natural' | 'unsafe';

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
  /** Ids found for a key in earlier answers, shared by every process (absent: nothing remembered). */
  ids?: IdMemory;
  /** This connector's share of its vendor's rate limit, shared by every process (absent: not counted). */
  budget?: VendorBudget;
  /**
   * The shop's country (`phones.defaultRegion`): how the vendor's phone numbers written without
   * their country are read when compared ({@link samePhone}); absent, such numbers match no one.
   */
  phoneRegion?: PhoneRegion;
}

/**
 * Ids that rarely change for a key (the HubSpot contact ids of an email, the Zendesk user ids),
 * remembered across answers and processes (in Redis, for `context.rememberIdsSeconds`). A
 * remembered id is only a head start: see {@link followIds}. Never throws; a memory that cannot
 * answer (Redis away) recalls nothing.
 */
export interface IdMemory {
  recall(kind: string, key: string): Promise<readonly string[] | undefined>;
  remember(kind: string, key: string, ids: readonly string[]): void;
}

/**
 * Looks ids up and follows them (the tickets of a contact), starting the follow-up at once with the
 * ids remembered for `key` while the lookup runs, instead of one round trip after it. The lookup
 * always runs and decides: the early result is used only when it found exactly the remembered ids;
 * otherwise the follow-up runs again for the ids found (an email moved to another contact must
 * never show that contact's tickets), and the memory is corrected. Nothing found: `undefined`.
 * `options.unremembered` runs when nothing is remembered, beside the lookup: it may start a
 * quicker way to the same answer (a search by the looked-up value) and return how to follow the
 * ids the lookup then finds with it instead of `follow`. `options.found` follows ids the lookup
 * found when they were not remembered, or when the head start with remembered ones failed (the
 * lookup may have brought what makes that cheaper: a contact read with its tickets' ids).
 */
export async function followIds<T>(
  memory: IdMemory | undefined,
  kind: string,
  key: string,
  lookUp: () => Promise<readonly string[]>,
  follow: (ids: readonly string[]) => Promise<T>,
  options: {
    unremembered?: () => ((ids: readonly string[]) => Promise<T>) | undefined;
    found?: (ids: readonly string[]) => Promise<T>;
  } = {},
): Promise<T | undefined> {
  const looking = lookUp();
  // A slow memory (Redis busy) never holds the answer back: once the lookup is in, go without it.
  const settled = looking.then(
    () => undefined,
    () => undefined,
  );
  const recalled = memory ? await Promise.race([memory.recall(kind, key), settled]) : undefined;
  const early = recalled?.length ? follow(recalled) : undefined;
  early?.catch(() => undefined);
  const quicker = early ? undefined : options.unremembered?.();
  const found = await looking;
  const same = recalled !== undefined && sameIds(found, recalled);
  if (memory && !same) memory.remember(kind, key, found);
  if (found.length === 0) return undefined;
  const { found: followFound } = options;
  // A head start that failed (its budget used up, say) falls back to the way for ids just found.
  if (early && same) return followFound ? early.catch(() => followFound(found)) : early;
  return (quicker ?? followFound ?? follow)(found);
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}

/** An inbound webhook as the vendor sent it (`POST /webhooks/{connectorId}`), before anything parsed it. */
export interface WebhookRequest {
  method: string;
  /** The full URL the vendor called, as configured at the vendor (HubSpot signs it): the hub's public URL + path and query. */
  url: string;
  /** Header names in lower case; a repeated header is its first value. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The body byte for byte: signatures are over these bytes, never over re-serialized JSON. */
  rawBody: Buffer;
  /** When the hub received it; signature timestamps are checked against it. */
  receivedAt: Date;
}

/** What a webhook says changed, in the hub's lookup keys (an order number without "#", a tracking number, an email). */
export interface WebhookSubject {
  orderNumber?: string;
  trackingNumber?: string;
  email?: string;
}

/** A verified delivery. */
export interface WebhookDelivery {
  /** The vendor's id of this delivery (or event): the same id again is a retry, acknowledged and ignored. */
  deliveryId: string;
  /** The event as the vendor names it (`orders/updated`, `tracker.updated`, `charge.dispute.created`). */
  kind: string;
  /**
   * What changed. Empty when the payload does not say in terms the hub looks up by (a Stripe
   * dispute, a HubSpot property change): the core then treats every fresh copy of this connector as outdated.
   */
  subjects: WebhookSubject[];
}

/**
 * The vendor's webhook signature scheme, built from the connector's own options (its
 * `webhookSecret`). Pure: no IO, no clock but `request.receivedAt`.
 *
 * @example
 * ```ts
 * readonly webhooks = options.webhookSecret ? acmeWebhooks(options.webhookSecret) : undefined;
 * // acmeWebhooks(secret).verify(request) → { deliveryId: 'evt_1', kind: 'order.updated', subjects: [{ orderNumber: '1001' }] }
 * ```
 */
export interface WebhookVerifier {
  /**
   * Verifies the signature over `request.rawBody` first, then reads the delivery id and subjects.
   * Throws WebhookRejected: `signature_missing`, `signature_invalid`, `timestamp_stale` (the
   * core answers 401), `payload_invalid` (400).
   */
  verify(request: WebhookRequest): WebhookDelivery;
}

export interface Connector {
  readonly id: string;
  readonly type: string;
  readonly system: SystemKind;
  readonly capabilities: readonly Capability[];
  /**
   * Values the mappings may read as `$ctx.<name>`, such as the admin origin for deep links:
   * `connector` and the names its definition declares in `mappingContext`. Never secrets.
   */
  readonly mappingContext: Readonly<Record<string, string>>;

  /**
   * `order.byNumber`: what this system knows about the order the customer calls `number`
   * ("1001", no "#"), as one record, or null when it does not know the order. A WMS or payment
   * provider answers with its own view of the order (its resource maps to an `orderFragment`).
   */
  orderByNumber?(number: string, options?: CallOptions): Promise<VendorRecord | null>;
  /**
   * `orders.byNumbers`: what `orderByNumber` gives for each of `numbers` (at most 50), in fewer
   * calls: one record per order this system knows, in any order (its mapped `number` says which),
   * none for an order it does not know. For a system whose API finds several orders at once.
   */
  ordersByNumbers?(numbers: string[], options?: CallOptions): Promise<VendorRecord[]>;
  /** `orders.byCustomer`: the customer's most recent orders, newest first, at most `limit`. */
  ordersByCustomer?(customer: CustomerRef, limit: number, options?: CallOptions): Promise<VendorRecord[]>;
  /** `customer.byEmail`: people with exactly this (normalized) email, possibly none. */
  customersByEmail?(email: string, options?: CallOptions): Promise<VendorRecord[]>;
  /** `customer.byPhone`: people with this E.164 phone number, possibly none. */
  customersByPhone?(phone: string, options?: CallOptions): Promise<VendorRecord[]>;
  /**
   * `customers.byName`: people whose whole name is `name` (case and spacing aside), at most 10: a
   * help desk's search when an agent has only a name. Possibly none.
   */
  customersByName?(name: string, options?: CallOptions): Promise<VendorRecord[]>;
  /** `shipments.byTracking`: live tracking for these parcels; a parcel the tracker does not know is left out. */
  trackShipments?(parcels: TrackingRef[], options?: CallOptions): Promise<VendorRecord[]>;
  /** `cases.byCustomer`: the person's support cases (tickets), any order, possibly none. */
  casesByCustomer?(customer: CustomerRef, options?: CallOptions): Promise<VendorRecord[]>;

  /** The writes this connector can perform, and how safe each is to repeat. */
  readonly actions?: Readonly<Partial<Record<ActionType, WriteSafety>>>;
  /**
   * Performs one action on the vendor. `action.id` is stable across attempts: connectors send
   * it as the vendor's idempotency key where the vendor has one. Throws ConnectorError; code
   * `rejected` (not retryable) when the vendor refuses for a business reason, `not_found` when
   * the order is unknown there.
   */
  performAction?(action: ActionRequest, options?: CallOptions): Promise<ActionResult>;
  /**
   * The exact steps a person takes to do this action by hand in the vendor's admin, with a deep
   * link (a manual-backup task shows them). With `failure`, the steps start from what the vendor
   * said: a record it did not find is searched for (and created, where that is the fix) before
   * anything is opened; a refusal is checked before it is done again. No IO.
   */
  manualAction?(action: ActionRequest, failure?: ActionFailure): ManualSteps;
  /**
   * Where a person looks to see whether this action already happened (its worker stopped
   * mid-call), and what shows that it did: the hub's marker or id on the vendor's record. One or
   * two sentences that end before what to do either way. No IO.
   */
  manualCheck?(action: ActionRequest): ManualSteps;

  /**
   * What a person does by hand when this connector cannot answer now: instructions and a deep
   * link into the vendor's admin (`SourceStatus.fallback`, docs/api.md). An empty subject (an outage,
   * no one record in question) asks where each kind of record the hub reads from this connector
   * is found, and by which key. No IO.
   */
  manualLookup(subject: LookupSubject): ManualSteps;

  /** Inbound webhooks, when the connector's options carry a webhook secret. */
  readonly webhooks?: WebhookVerifier;

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
  /**
   * The vendor's payload schema of each resource its records carry (`VendorRecord.resource`):
   * every field `mappings/<type>/<resource>.yaml` reads, declared. The connector parses the
   * vendor's reply with it, and boot checks every mapping path against it (mappings/README.md
   * "Paths are checked").
   */
  payloads: Readonly<Record<string, z.ZodType>>;
  /** The names the mappings may read as `$ctx.<name>` besides `connector` (`Connector.mappingContext`). */
  mappingContext: readonly string[];
  create(options: O, context: ConnectorContext): Connector;
}

/**
 * A whole number that may arrive as a digit string (`port: ${PORT}` interpolates to text);
 * anything else stays as it is and fails validation with a clear message.
 */
export const wholeNumber = () =>
  z.preprocess((v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v), z.number().int());

/**
 * Options every connector type accepts. Extend it: `baseConnectorOptions.extend({ ... })`.
 * `baseUrl` replaces the vendor's origin (the sandbox, tests, an egress proxy).
 */
export const baseConnectorOptions = z.object({
  baseUrl: z.url({ protocol: /^https?$/ }).optional(),
  /** Per-call socket timeout; the request deadline may cut a call shorter. */
  timeoutMs: wholeNumber().pipe(z.number().positive().max(60_000)).default(5_000),
});

/** Identity helper that keeps the options type tied to its schema. */
export function defineConnector<S extends z.ZodType>(
  definition: Omit<ConnectorDefinition<z.infer<S>>, 'optionsSchema'> & { optionsSchema: S },
): ConnectorDefinition<z.infer<S>> {
  return definition as ConnectorDefinition<z.infer<S>>;
}
