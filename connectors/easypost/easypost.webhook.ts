import {
  asRecord,
  hmacSha256,
  idText,
  parseJsonBody,
  requireHeader,
  signatureMatches,
  type WebhookDelivery,
  WebhookRejected,
  type WebhookRequest,
  webhookSubject,
  type WebhookVerifier,
} from '../../src/connectors/contract';

const VENDOR = 'EasyPost';
const PREFIX = 'hmac-sha256-hex=';

/**
 * EasyPost webhooks: `X-Hmac-Signature: hmac-sha256-hex=<hex>`, the HMAC-SHA256 of the raw body
 * keyed with the webhook secret normalized to Unicode NFKD (as EasyPost's client libraries do in
 * `validateWebhook`). The body is an Event (`id`, `description` such as `tracker.updated`,
 * `result` the Tracker); the Event id is the same on retries. No signed timestamp.
 * https://docs.easypost.com/docs/webhooks#hmac-validation
 */
export function easyPostWebhooks(secret: string): WebhookVerifier {
  const key = Buffer.from(secret.normalize('NFKD'), 'utf8');
  return {
    verify(request: WebhookRequest): WebhookDelivery {
      const header = requireHeader(request.headers, 'x-hmac-signature', VENDOR);
      const received = header.startsWith(PREFIX) ? header.slice(PREFIX.length) : undefined;
      if (!signatureMatches(received, hmacSha256(key, request.rawBody), 'hex')) {
        throw new WebhookRejected('signature_invalid', `${VENDOR}: X-Hmac-Signature does not match the body`);
      }
      const event = asRecord(parseJsonBody(request.rawBody, VENDOR));
      const deliveryId = idText(event.id);
      if (!deliveryId) throw new WebhookRejected('payload_invalid', `${VENDOR}: the event has no id`);
      const result = asRecord(event.result);
      const subject = webhookSubject({ trackingNumber: idText(result.tracking_code) });
      return { deliveryId, kind: idText(event.description) ?? 'unknown', subjects: subject ? [subject] : [] };
    },
  };
}
