import { createHash } from 'node:crypto';
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

const VENDOR = 'HubSpot';
/** HubSpot: "Reject the request if the timestamp is older than 5 minutes." */
const TOLERANCE_SECONDS = 300;

/**
 * The characters HubSpot decodes in the URI before signing (its table; the `?` that starts the
 * query string is never encoded in the first place).
 */
const DECODED: Readonly<Record<string, string>> = {
  '%3A': ':',
  '%2F': '/',
  '%3F': '?',
  '%40': '@',
  '%21': '!',
  '%24': '$',
  '%27': "'",
  '%28': '(',
  '%29': ')',
  '%2A': '*',
  '%2C': ',',
  '%3B': ';',
};

/**
 * HubSpot signature v3: `X-HubSpot-Signature-v3` is the base64 HMAC-SHA256, keyed with the app's
 * client secret, of `method + uri + rawBody + timestamp`, where uri is the full URL HubSpot called
 * (the target URL configured in the app: the hub's public URL) and timestamp the
 * `X-HubSpot-Request-Timestamp` header (epoch milliseconds). The body is an array of events, each
 * with its own `eventId`; a retry sends the same ones.
 * https://developers.hubspot.com/docs/apps/legacy-apps/authentication/validating-requests#validate-the-v3-request-signature
 */
export function hubspotWebhooks(clientSecret: string): WebhookVerifier {
  return {
    verify(request: WebhookRequest): WebhookDelivery {
      const signature = requireHeader(request.headers, 'x-hubspot-signature-v3', VENDOR);
      const timestamp = requireHeader(request.headers, 'x-hubspot-request-timestamp', VENDOR);
      const uri = request.url.replace(
        /%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi,
        (m) => DECODED[m.toUpperCase()],
      );
      const expected = hmacSha256(
        clientSecret,
        `${request.method.toUpperCase()}${uri}`,
        request.rawBody,
        timestamp,
      );
      if (!signatureMatches(signature, expected, 'base64')) {
        throw new WebhookRejected(
          'signature_invalid',
          `${VENDOR}: X-HubSpot-Signature-v3 does not match the request`,
        );
      }
      assertFresh(
        /^\d+$/.test(timestamp) ? Number(timestamp) : NaN,
        request.receivedAt,
        TOLERANCE_SECONDS,
        VENDOR,
      );
      const parsed = parseJsonBody(request.rawBody, VENDOR);
      const events = (Array.isArray(parsed) ? parsed : [parsed]).map(asRecord);
      const ids = events.map((e) => idText(e.eventId)).filter((id): id is string => Boolean(id));
      if (ids.length === 0)
        throw new WebhookRejected('payload_invalid', `${VENDOR}: no event has an eventId`);
      return {
        deliveryId: ids.length === 1 ? ids[0] : batchId(ids),
        kind: [...new Set(events.map((e) => idText(e.subscriptionType) ?? 'unknown'))].join(','),
        subjects: events.map(subjectOf).filter((s): s is WebhookSubject => s !== undefined),
      };
    },
  };
}

/** Several events in one request: the batch is named by its sorted event ids. */
function batchId(ids: string[]): string {
  return `batch-${createHash('sha256')
    .update([...ids].sort().join(','))
    .digest('hex')
    .slice(0, 32)}`;
}

/** Events name objects by id; only a contact's email change says whom it is about, in the hub's terms. */
function subjectOf(event: Record<string, unknown>): WebhookSubject | undefined {
  if (event.propertyName !== 'email') return undefined;
  return webhookSubject({ email: idText(event.propertyValue) });
}
