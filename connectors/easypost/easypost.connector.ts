import {
  type CallOptions,
  type Connector,
  type ConnectorContext,
  RestConnector,
  type LookupSubject,
  type TrackingRef,
  type VendorRecord,
} from '../../src/connectors/contract';
import { easyPostWebhooks } from './easypost.webhook';
import { easyPostCarrier } from './easypost.carriers';
import { EASYPOST_API_URL, type EasyPostOptions } from './easypost.options';
import { type Tracker, trackersReplySchema } from './easypost.payloads';

/** EasyPost trackers: live carrier tracking for parcels that already have a Tracker. */
export class EasyPostConnector extends RestConnector implements Connector {
  readonly type = 'easypost';
  readonly system = 'shipping' as const;
  readonly capabilities = ['shipments.byTracking'] as const;

  constructor(
    private readonly options: EasyPostOptions,
    context: ConnectorContext,
  ) {
    super(context, {
      http: {
        vendor: 'EasyPost',
        baseUrl: options.baseUrl ?? EASYPOST_API_URL,
        timeoutMs: options.timeoutMs,
        // HTTP Basic with the API key as the user name and no password.
        headers: { authorization: `Basic ${Buffer.from(`${options.apiKey}:`).toString('base64')}` },
      },
      mappingContext: { dashboardUrl: options.dashboardUrl.replace(/\/$/, '') },
      webhooks: options.webhookSecret ? easyPostWebhooks(options.webhookSecret) : undefined,
    });
  }

  /**
   * One `GET /trackers?tracking_code=` per parcel (EasyPost has no multi-code search), at most
   * `concurrency` at a time. Listing never creates a tracker: a parcel without one is left out.
   */
  async trackShipments(parcels: TrackingRef[], options?: CallOptions): Promise<VendorRecord[]> {
    const wanted = new Map<string, { code: string; carrier?: string }>();
    for (const p of parcels) {
      const code = p.trackingNumber.trim();
      if (!code) continue;
      const carrier = easyPostCarrier(p.carrier);
      wanted.set(`${code}|${carrier ?? ''}`, { code, carrier });
    }
    const found = await mapLimited([...wanted.values()], this.options.concurrency, (p) =>
      this.newestTracker(p.code, p.carrier, options),
    );
    const seen = new Set<string>();
    const records: VendorRecord[] = [];
    for (const tracker of found) {
      if (!tracker || seen.has(tracker.id)) continue;
      seen.add(tracker.id);
      records.push({ resource: 'tracker', payload: tracker });
    }
    return records;
  }

  manualLookup(subject: LookupSubject): { instructions: string; url?: string } {
    const who = subject.email ?? subject.phone;
    const which = subject.orderNumber
      ? `order #${subject.orderNumber}`
      : who
        ? `the customer's orders (${who})`
        : "the order (by its number, or the customer's email or phone)";
    return {
      instructions:
        `Find the tracking numbers of ${which} in the store or warehouse admin, then open the EasyPost ` +
        `dashboard → Trackers and search each tracking code; the tracker's public page shows every scan.`,
      url: `${this.mappingContext.dashboardUrl}/trackers`,
    };
  }

  async healthCheck(options?: CallOptions): Promise<void> {
    await this.http.get('/trackers', {
      query: { page_size: 1 },
      schema: trackersReplySchema,
      signal: options?.signal,
    });
  }

  /** Tracking codes are recycled and may have several trackers: the newest one is the parcel's. */
  private async newestTracker(
    code: string,
    carrier: string | undefined,
    options: CallOptions | undefined,
  ): Promise<Tracker | null> {
    const reply = await this.http.get('/trackers', {
      query: { tracking_code: code, carrier },
      schema: trackersReplySchema,
      signal: options?.signal,
    });
    let newest: Tracker | null = null;
    for (const t of reply.data.trackers) {
      if (t.tracking_code.trim() !== code) continue;
      if (!newest || createdMs(t) > createdMs(newest)) newest = t;
    }
    return newest;
  }
}

const createdMs = (t: Tracker) => Date.parse(t.created_at ?? '') || 0;

/**
 * `fn` over `items` with at most `limit` calls in flight, results in input order. The first
 * failure rejects and no further call starts (the caller retries the whole look-up).
 */
async function mapLimited<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
