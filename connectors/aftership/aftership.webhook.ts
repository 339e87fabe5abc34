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

const VENDOR = 'AfterShip';

/**
 * AfterShip Tracking webhooks: `aftership-hmac-sha256` is the base64 HMAC-SHA256 of the raw body
 * keyed with the account's webhook secret. The body is `{ event, event_id, msg: Tracking, ts }`;
 * `event_id` names the event (the same on retries). No signed timestamp header.
 * https://www.aftership.com/docs/tracking/webhook/webhook-signature
 */
export function afterShipWebhooks(secret: string): WebhookVerifier {
  return {
    verify(request: WebhookRequest): WebhookDelivery {
      const signature = requireHeader(request.headers, 'aftership-hmac-sha256', VENDOR);
      if (!signatureMatches(signature, hmacSha256(secret, request.rawBody), 'base64')) {
        throw new WebhookRejected(
          'signature_invalid',
          `${VENDOR}: aftership-hmac-sha256 does not match the body`,
        );
      }
      const event = asRecord(parseJsonBody(request.rawBody, VENDOR));
      const msg = asRecord(event.msg);
      const deliveryId = idText(event.event_id) ?? legacyId(msg, event);
      if (!deliveryId) throw new WebhookRejected('payload_invalid', `${VENDOR}: the event has no event_id`);
      const subject = webhookSubject({ trackingNumber: idText(msg.tracking_number) });
      return { deliveryId, kind: idText(event.event) ?? 'unknown', subjects: subject ? [subject] : [] };
    },
  };
}

/** Payloads without event_id name the event only by the tracking and the time it was sent. */
function legacyId(msg: Record<string, unknown>, event: Record<string, unknown>): string | undefined {
  const tracking = idText(msg.id);
  const ts = idText(event.ts);
  return tracking && ts ? `${tracking}:${ts}` : undefined;
}
