import {
  asRecord,
  assertFresh,
  hmacSha256,
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
 * `webhook-signature`, a space-separated list of `v1,<base64>` entries, each the HMAC-SHA256 of
 * `${id}.${timestamp}.${rawBody}` keyed with the base64-decoded part of the `whsec_` secret; any
 * one may match. The topic is `x-webhook-topic`; `webhook-id` is the same on retries.
 * https://developer.shipbob.com/webhooks, https://www.standardwebhooks.com/
 */
export function shipbobWebhooks(secret: string): WebhookVerifier {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return {
    verify(request: WebhookRequest): WebhookDelivery {
      const id = requireHeader(request.headers, 'webhook-id', VENDOR);
      const timestamp = requireHeader(request.headers, 'webhook-timestamp', VENDOR);
      const header = requireHeader(request.headers, 'webhook-signature', VENDOR);
      const expected = hmacSha256(key, `${id}.${timestamp}.`, request.rawBody);
      const signatures = header
        .split(' ')
        .filter((entry) => entry.startsWith('v1,'))
        .map((entry) => entry.slice(3));
      if (!signatures.some((s) => signatureMatches(s, expected, 'base64'))) {
        throw new WebhookRejected(
          'signature_invalid',
          `${VENDOR}: no v1 signature in webhook-signature matches`,
        );
      }
      assertFresh(
        /^\d+$/.test(timestamp) ? Number(timestamp) * 1000 : NaN,
        request.receivedAt,
        TOLERANCE_SECONDS,
        VENDOR,
      );
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
