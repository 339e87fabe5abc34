import {
  asRecord,
  assertFresh,
  hmacSha256,
  idText,
  requireHeader,
  signatureMatches,
  type WebhookDelivery,
  WebhookRejected,
  type WebhookRequest,
  webhookSubject,
  type WebhookVerifier,
} from '../../src/connectors/contract';

const VENDOR = 'Zendesk';
/** Zendesk signs a timestamp against replays without naming a window; the hub allows 5 minutes like the others. */
const TOLERANCE_SECONDS = 300;

/**
 * Zendesk webhooks: `X-Zendesk-Webhook-Signature` is the base64 HMAC-SHA256 of
 * `timestamp + rawBody`, keyed with the webhook's signing secret, where timestamp is the
 * `X-Zendesk-Webhook-Signature-Timestamp` header (ISO 8601). `x-zendesk-webhook-invocation-id`
 * names the delivery. A trigger webhook's body is whatever the trigger writes (JSON or not).
 * https://developer.zendesk.com/documentation/webhooks/verifying/
 */
export function zendeskWebhooks(signingSecret: string): WebhookVerifier {
  return {
    verify(request: WebhookRequest): WebhookDelivery {
      const signature = requireHeader(request.headers, 'x-zendesk-webhook-signature', VENDOR);
      const timestamp = requireHeader(request.headers, 'x-zendesk-webhook-signature-timestamp', VENDOR);
      if (!signatureMatches(signature, hmacSha256(signingSecret, timestamp, request.rawBody), 'base64')) {
        throw new WebhookRejected(
          'signature_invalid',
          `${VENDOR}: X-Zendesk-Webhook-Signature does not match the body`,
        );
      }
      assertFresh(Date.parse(timestamp), request.receivedAt, TOLERANCE_SECONDS, VENDOR);
      const body = parseLoosely(request.rawBody);
      const deliveryId = request.headers['x-zendesk-webhook-invocation-id']?.trim() || idText(body.id);
      if (!deliveryId) {
        throw new WebhookRejected('payload_invalid', `${VENDOR}: no x-zendesk-webhook-invocation-id header`);
      }
      const subject = webhookSubject({ email: requesterEmail(body) });
      return { deliveryId, kind: idText(body.type) ?? 'trigger', subjects: subject ? [subject] : [] };
    },
  };
}

function parseLoosely(rawBody: Buffer): Record<string, unknown> {
  try {
    return asRecord(JSON.parse(rawBody.toString('utf8')));
  } catch {
    return {};
  }
}

/** Event payloads name the requester by id; trigger bodies often carry `{{ticket.requester.email}}`. */
function requesterEmail(body: Record<string, unknown>): string | undefined {
  const ticket = asRecord(body.ticket);
  return (
    idText(asRecord(ticket.requester).email) ??
    idText(ticket.requester_email) ??
    idText(body.requester_email) ??
    idText(asRecord(asRecord(body.detail).requester).email)
  );
}
