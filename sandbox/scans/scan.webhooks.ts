import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { type AfterShipTracking } from '../vendors/aftership/aftership.view';
import { type EasyPostTracker } from '../vendors/easypost/easypost.view';

/** The demo secrets config/sandbox.yaml gives the hub's easypost and aftership connectors. */
export const SANDBOX_WEBHOOK_SECRETS = {
  easypost: 'easypost_sandbox_webhook_secret',
  aftership: 'aftership_sandbox_webhook_secret',
} as const;

export type WebhookVendor = keyof typeof SANDBOX_WEBHOOK_SECRETS;
export const WEBHOOK_VENDORS = Object.keys(SANDBOX_WEBHOOK_SECRETS) as WebhookVendor[];

/** A webhook request as the vendor would send it. */
export interface SignedWebhook {
  vendor: WebhookVendor;
  deliveryId: string;
  headers: Record<string, string>;
  body: string;
}

/**
 * EasyPost's `tracker.updated` Event, signed as EasyPost signs: X-Hmac-Signature
 * `hmac-sha256-hex=` + the HMAC-SHA256 of the body keyed with the NFKD-normalized secret.
 * https://docs.easypost.com/docs/events, https://docs.easypost.com/docs/webhooks
 */
export function easyPostWebhook(tracker: EasyPostTracker, at: string, secret: string): SignedWebhook {
  const id = `evt_${randomBytes(16).toString('hex')}`;
  const body = JSON.stringify({
    object: 'Event',
    id,
    mode: 'test',
    description: 'tracker.updated',
    status: 'pending',
    created_at: at,
    updated_at: at,
    result: tracker,
    previous_attributes: {},
    pending_urls: [],
    completed_urls: [],
  });
  const hex = createHmac('sha256', Buffer.from(secret.normalize('NFKD'), 'utf8'))
    .update(body)
    .digest('hex');
  return {
    vendor: 'easypost',
    deliveryId: id,
    headers: { 'content-type': 'application/json', 'x-hmac-signature': `hmac-sha256-hex=${hex}` },
    body,
  };
}

/**
 * AfterShip's `tracking_update` webhook, signed as AfterShip signs: aftership-hmac-sha256 is the
 * base64 HMAC-SHA256 of the body keyed with the webhook secret.
 * https://www.aftership.com/docs/tracking/webhook/webhook-signature
 */
export function afterShipWebhook(tracking: AfterShipTracking, at: string, secret: string): SignedWebhook {
  const id = randomUUID();
  const body = JSON.stringify({
    event: 'tracking_update',
    event_id: id,
    is_tracking_first_tracking: false,
    msg: tracking,
    ts: Math.floor(Date.parse(at) / 1000),
  });
  return {
    vendor: 'aftership',
    deliveryId: id,
    headers: {
      'content-type': 'application/json',
      'aftership-hmac-sha256': createHmac('sha256', secret).update(body).digest('base64'),
    },
    body,
  };
}

/** POSTs the webhook; the receiver's status, or 0 when it could not be reached. */
export async function deliver(url: string, webhook: SignedWebhook): Promise<number> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: webhook.headers,
      body: webhook.body,
      signal: AbortSignal.timeout(5_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}
