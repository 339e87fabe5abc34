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

const VENDOR = 'Stripe';
/** Stripe's libraries reject signatures older than 5 minutes by default. */
const TOLERANCE_SECONDS = 300;

/**
 * Stripe webhooks: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]`; each v1 is the
 * HMAC-SHA256 of `${t}.${rawBody}` keyed with the endpoint's `whsec_...` secret as it is (several
 * while a secret rolls); any one may match. The event `id` is the same on retries.
 * https://docs.stripe.com/webhooks#verify-manually
 */
export function stripeWebhooks(secret: string, orderNumberMetadataKeys: readonly string[]): WebhookVerifier {
  return {
    verify(request: WebhookRequest): WebhookDelivery {
      const header = requireHeader(request.headers, 'stripe-signature', VENDOR);
      const { timestamp, signatures } = parseHeader(header);
      if (!timestamp || signatures.length === 0) {
        throw new WebhookRejected('signature_invalid', `${VENDOR}: Stripe-Signature has no t= or no v1=`);
      }
      const expected = hmacSha256(secret, `${timestamp}.`, request.rawBody);
      if (!signatures.some((s) => signatureMatches(s, expected, 'hex'))) {
        throw new WebhookRejected('signature_invalid', `${VENDOR}: no v1 signature matches the body`);
      }
      assertFresh(Number(timestamp) * 1000, request.receivedAt, TOLERANCE_SECONDS, VENDOR);
      const event = asRecord(parseJsonBody(request.rawBody, VENDOR));
      const deliveryId = idText(event.id);
      if (!deliveryId) throw new WebhookRejected('payload_invalid', `${VENDOR}: the event has no id`);
      const object = asRecord(asRecord(event.data).object);
      return {
        deliveryId,
        kind: idText(event.type) ?? 'unknown',
        subjects: subjectsOf(object, orderNumberMetadataKeys),
      };
    },
  };
}

function parseHeader(header: string): { timestamp?: string; signatures: string[] } {
  let timestamp: string | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    const key = part.slice(0, at).trim();
    const value = part.slice(at + 1).trim();
    if (key === 't' && /^\d+$/.test(value)) timestamp = value;
    else if (key === 'v1' && value) signatures.push(value);
  }
  return { timestamp, signatures };
}

/**
 * A PaymentIntent or Charge names its order in metadata (the keys the connector searches by) and
 * its customer by email; a dispute or refund names neither (no subject: every fresh Stripe copy is outdated).
 */
function subjectsOf(object: Record<string, unknown>, keys: readonly string[]): WebhookSubject[] {
  const metadata = asRecord(object.metadata);
  const orderNumber = keys
    .map((k) => idText(metadata[k]))
    .find(Boolean)
    ?.replace(/^#/, '');
  const email =
    idText(object.receipt_email) ??
    idText(asRecord(object.billing_details).email) ??
    (object.object === 'customer' ? idText(object.email) : undefined);
  const subject = webhookSubject({ orderNumber, email });
  return subject ? [subject] : [];
}
