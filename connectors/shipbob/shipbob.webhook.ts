import { Webhook } from 'standardwebhooks';
import {
  asRecord,
  assertFresh,
  idText,
  parseJsonBody,
  requireHeader,
  signatureMatches,
  type WebhookDelivery,
  WebhookRejected,
  type WebhookRequest,
  type WebhookSubject,
  webhookSubject,
  type WebhookVerifier,
} from '../../src/connectors/contract';

const VENDOR = 'ShipBob';
/** The Standard Webhooks libraries accept timestamps within 5 minutes either way. */
const TOLERANCE_SECONDS = 300;

/**
 * ShipBob signs with Standard Webhooks: `webhook-id`, `webhook-timestamp` (unix seconds) and
 * `webhook-signature`, a space-separated list of `v1,<base64>` entries; any one may match. The
 * signature is computed by the `standardwebhooks` package (HMAC-SHA256 of
 * `${id}.${timestamp}.${body}` with the base64 key of the `whsec_` secret); its own `verify` reads
 * the machine's clock, so freshness is checked here against when the request arrived. The topic is
 * `x-webhook-topic`; `webhook-id` is the same on retries.
 * https://developer.shipbob.com/webhooks, https://www.standardwebhooks.com/
 */
export function shipbobWebhooks(secret: string): WebhookVerifier {
  const standard = new Webhook(secret);
  return {
    verify(request: WebhookRequest): WebhookDelivery {
      const id = requireHeader(request.headers, 'webhook-id', VENDOR);
      const timestamp = requireHeader(request.headers, 'webhook-timestamp', VENDOR);
      const header = requireHeader(request.headers, 'webhook-signature', VENDOR);
      const seconds = /^\d+$/.test(timestamp) ? Number(timestamp) : NaN;
      const expected = Number.isFinite(seconds)
        ? standard.sign(id, new Date(seconds * 1000), request.rawBody).slice('v1,'.length)
        : undefined;
      const signatures = header
        .split(' ')
        .filter((entry) => entry.startsWith('v1,'))
        .map((entry) => entry.slice(3));
      if (
        !expected ||
        !signatures.some((s) => signatureMatches(s, Buffer.from(expected, 'base64'), 'base64'))
      ) {
        throw new WebhookRejected(
          'signature_invalid',
          `${VENDOR}: no v1 signature in webhook-signature matches`,
        );
      }
      assertFresh(seconds * 1000, request.receivedAt, TOLERANCE_SECONDS, VENDOR);
      const body = asRecord(parseJsonBody(request.rawBody, VENDOR));
      const kind = request.headers['x-webhook-topic']?.trim() || idText(body.topic) || 'unknown';
      return { deliveryId: id, kind, subjects: subjectsOf(body) };
    },
  };
}

/**
 * The shop's order number is the ShipBob order's `reference_id` (as the connector looks it up);
 * tracking comes as `tracking` on shipment events or `shipments[].tracking` on order events.
 */
function subjectsOf(body: Record<string, unknown>): WebhookSubject[] {
  const order = body.reference_id !== undefined ? body : asRecord(body.order);
  const subjects = [webhookSubject({ orderNumber: idText(order.reference_id) })];
  const shipments = Array.isArray(body.shipments) ? body.shipments : [body];
  for (const shipment of shipments) {
    const tracking = asRecord(asRecord(shipment).tracking);
    subjects.push(
      webhookSubject({ trackingNumber: idText(tracking.tracking_number) ?? idText(tracking.tracking_id) }),
    );
  }
  return subjects.filter((s): s is WebhookSubject => s !== undefined);
}
