import { z } from 'zod';
import { type ParcelScans, SCAN_STATUSES } from '../scans/parcel.scans';
import {
  afterShipWebhook,
  deliver,
  easyPostWebhook,
  type SignedWebhook,
  type WebhookVendor,
  WEBHOOK_VENDORS,
} from '../scans/scan.webhooks';
import { AfterShipAdapter } from '../vendors/aftership/aftership.adapter';
import { EasyPostAdapter } from '../vendors/easypost/easypost.adapter';
import { json, type VendorAdapter, type VendorReply } from '../vendors/vendor.adapter';

/** POST /_sandbox/parcels/{trackingNumber}/scans */
export const PARCEL_SCAN_ROUTE = /^\/_sandbox\/parcels\/([^/]+)\/scans\/?$/;

const ScanBodySchema = z.strictObject({
  status: z.enum(SCAN_STATUSES as [string, ...string[]]),
  message: z.string().min(1).max(200).optional(),
  /** Where the trackers deliver their signed webhook about the scan (the hub's POST /webhooks/{id}). */
  notify: z
    .array(
      z.strictObject({
        vendor: z.enum(WEBHOOK_VENDORS as [WebhookVendor, ...WebhookVendor[]]),
        url: z.url({ protocol: /^https?$/ }),
      }),
    )
    .max(10)
    .optional(),
});

export interface ParcelScanDeps {
  scans: ParcelScans;
  vendors: readonly VendorAdapter[];
  webhookSecrets: Record<WebhookVendor, string>;
  /** The world's "now". */
  now(): string;
}

/**
 * A new carrier scan for a parcel: the world's parcel changes, the trackers' and the warehouse's
 * views are built again, and (with `notify`) each named tracker delivers its signed webhook.
 * Answers the scan, the order it belongs to, and each delivery's HTTP status.
 */
export async function handleParcelScan(
  method: string,
  path: string,
  body: string,
  deps: ParcelScanDeps,
): Promise<VendorReply> {
  const trackingNumber = decodeURIComponent(PARCEL_SCAN_ROUTE.exec(path)?.[1] ?? '');
  if (method !== 'POST') return json(405, { error: 'method_not_allowed', message: 'POST a scan' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(body || '{}');
  } catch {
    return json(400, { error: 'invalid_body', message: 'Body must be a JSON object', field: '(body)' });
  }
  const input = ScanBodySchema.safeParse(parsed);
  if (!input.success) {
    const issue = input.error.issues[0];
    return json(400, {
      error: 'invalid_scan',
      message: issue.message,
      field: issue.path.join('.') || '(body)',
    });
  }
  const scan = deps.scans.scan(
    trackingNumber,
    input.data.status as (typeof SCAN_STATUSES)[number],
    input.data.message,
  );
  if (!scan)
    return json(404, { error: 'unknown_parcel', message: `No parcel has tracking number ${trackingNumber}` });
  for (const vendor of deps.vendors) vendor.refresh?.();

  const webhooks = [];
  for (const target of input.data.notify ?? []) {
    const webhook = signed(target.vendor, trackingNumber, deps);
    const status = webhook ? await deliver(target.url, webhook) : 0;
    webhooks.push({ vendor: target.vendor, url: target.url, deliveryId: webhook?.deliveryId, status });
  }
  return json(200, {
    trackingNumber,
    orderNumber: String(scan.order.number),
    status: scan.parcel.status,
    event: scan.event,
    webhooks,
  });
}

function signed(
  vendor: WebhookVendor,
  trackingNumber: string,
  deps: ParcelScanDeps,
): SignedWebhook | undefined {
  const secret = deps.webhookSecrets[vendor];
  if (vendor === 'easypost') {
    const tracker = deps.vendors.find((v) => v instanceof EasyPostAdapter)?.tracker(trackingNumber);
    return tracker && easyPostWebhook(tracker, deps.now(), secret);
  }
  const tracking = deps.vendors.find((v) => v instanceof AfterShipAdapter)?.tracking(trackingNumber);
  return tracking && afterShipWebhook(tracking, deps.now(), secret);
}
