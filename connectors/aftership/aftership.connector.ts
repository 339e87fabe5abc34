import {
  type CallOptions,
  type Connector,
  type ConnectorContext,
  ConnectorError,
  RestConnector,
  type LookupSubject,
  type TrackingRef,
  type VendorRecord,
} from '../../src/connectors/contract';
import { afterShipWebhooks } from './aftership.webhook';
import { afterShipSlug } from './aftership.carriers';
import { AFTERSHIP_API_URL, type AfterShipOptions } from './aftership.options';
import { type Tracking, trackingsReplySchema } from './aftership.payloads';

/** `tracking_numbers` takes at most 50 numbers per request. */
const BATCH = 50;
/** Any "wait" above this is an epoch time in ms, not a delay (see `epochAware`). */
const EPOCH_MS_THRESHOLD = 1e12;

interface Wanted {
  number: string;
  slug?: string;
}

/** AfterShip Tracking: live carrier tracking for parcels the account already tracks. */
export class AfterShipConnector extends RestConnector implements Connector {
  readonly type = 'aftership';
  readonly system = 'shipping' as const;
  readonly capabilities = ['shipments.byTracking'] as const;

  constructor(options: AfterShipOptions, context: ConnectorContext) {
    super(context, {
      http: {
        vendor: 'AfterShip',
        baseUrl: options.baseUrl ?? AFTERSHIP_API_URL,
        timeoutMs: options.timeoutMs,
        headers: { 'as-api-key': options.apiKey },
        // Retry-After first when sent; else x-ratelimit-reset, an epoch in seconds (epochAware fixes it up).
        retryAfterHeaders: ['retry-after', 'x-ratelimit-reset'],
      },
      mappingContext: { adminUrl: options.adminUrl.replace(/\/$/, '') },
      webhooks: options.webhookSecret ? afterShipWebhooks(options.webhookSecret) : undefined,
    });
  }

  /** Up to 50 parcels per `GET /trackings?tracking_numbers=a,b`; a parcel AfterShip does not track is left out. */
  async trackShipments(parcels: TrackingRef[], options?: CallOptions): Promise<VendorRecord[]> {
    const wanted = new Map<string, Wanted>();
    for (const p of parcels) {
      const number = p.trackingNumber.trim();
      if (!number) continue;
      const slug = afterShipSlug(p.carrier);
      wanted.set(key(number, slug), { number, slug });
    }
    const list = [...wanted.values()];
    const batches: Wanted[][] = [];
    for (let i = 0; i < list.length; i += BATCH) batches.push(list.slice(i, i + BATCH));
    const found = (await Promise.all(batches.map((b) => this.fetchBatch(b, options)))).flat();

    // Several trackings can share a number (recycled numbers, other couriers): the newest of the
    // ones that fit the parcel's courier, when the parcel named one, is the parcel's.
    const best = new Map<string, Tracking>();
    for (const w of list) {
      for (const t of found) {
        if (t.tracking_number.trim() !== w.number || (w.slug && t.slug !== w.slug)) continue;
        const k = key(w.number, w.slug);
        const current = best.get(k);
        if (!current || createdMs(t) > createdMs(current)) best.set(k, t);
      }
    }
    const seen = new Set<string>();
    const records: VendorRecord[] = [];
    for (const t of best.values()) {
      if (seen.has(t.id)) continue;
      seen.add(t.id);
      records.push({ resource: 'tracking', payload: t });
    }
    return records;
  }

  manualLookup(subject: LookupSubject): { instructions: string; url?: string } {
    const who = subject.email ?? subject.phone;
    const which = subject.orderNumber
      ? `order #${subject.orderNumber} (AfterShip searches order numbers too)`
      : who
        ? `the customer's orders (${who})`
        : 'the order number (AfterShip searches order numbers too)';
    return {
      instructions:
        `Open AfterShip → Shipments and search for ${which} or for each tracking number from the ` +
        `store or warehouse admin; the shipment page shows the status and every checkpoint.`,
      url: `${this.mappingContext.adminUrl}/shipments`,
    };
  }

  async healthCheck(options?: CallOptions): Promise<void> {
    await this.get({ limit: 1 }, options);
  }

  private async fetchBatch(batch: Wanted[], options: CallOptions | undefined): Promise<Tracking[]> {
    // The slug filter applies to every number in the request, so send it only when all have one.
    const slugs = batch.every((w) => w.slug) ? [...new Set(batch.map((w) => w.slug))].join(',') : undefined;
    const data = await this.get(
      { tracking_numbers: batch.map((w) => w.number).join(','), slug: slugs, limit: 200 },
      options,
    );
    if (data.pagination?.has_next_page) {
      this.context.logger.warn('AfterShip has more trackings than one page for these numbers', {
        numbers: batch.length,
      });
    }
    return data.trackings;
  }

  private async get(query: Record<string, string | number | undefined>, options: CallOptions | undefined) {
    try {
      const reply = await this.http.get('/trackings', {
        query,
        schema: trackingsReplySchema,
        signal: options?.signal,
      });
      return reply.data.data;
    } catch (error) {
      throw epochAware(error);
    }
  }
}

/**
 * HttpClient reads a number of seconds from a wait header; AfterShip's x-ratelimit-reset is the
 * epoch second the window resets, which that reading turns into epoch milliseconds. Turn those
 * back into a delay from now, for a 429 only: every reply carries the header, and the rate
 * window says nothing about when a failing AfterShip recovers.
 * https://www.aftership.com/docs/tracking/2025-01/quickstart/rate-limit
 */
function epochAware(error: unknown): unknown {
  if (!(error instanceof ConnectorError) || (error.retryAfterMs ?? 0) < EPOCH_MS_THRESHOLD) return error;
  return new ConnectorError(error.code, error.message, {
    retryable: error.retryable,
    retryAfterMs: error.code === 'rate_limited' ? Math.max(0, error.retryAfterMs! - Date.now()) : undefined,
    httpStatus: error.httpStatus,
    cause: error.cause,
  });
}

const key = (number: string, slug: string | undefined) => `${number}|${slug ?? ''}`;
const createdMs = (t: Tracking) => Date.parse(t.created_at ?? '') || 0;
