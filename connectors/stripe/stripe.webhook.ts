import Stripe from 'stripe';
import {
  asRecord,
  assertFresh,
  idText,
  parseJsonBody,
  requireHeader,
  type WebhookDelivery,
  WebhookRejected,
  type WebhookRequest,
  type WebhookSubject,
  webhookSubject,
  type WebhookVerifier,
} from '../../src/connectors/contract';

const VENDOR = 'Stripe';
/** The SDK's signature checker (present in every Node build of stripe-node). */
const SIGNATURE = Stripe.webhooks.signature!;
/** Stripe's libraries reject signatures older than 5 minutes by default. */
const TOLERANCE_SECONDS = 300;

/**
 * Stripe webhooks: `Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]`, checked by the
 * Stripe SDK's own verifier (`Stripe.webhooks.signature.verifyHeader`: the HMAC-SHA256 of
 * `${t}.${rawBody}` with the endpoint's `whsec_...` secret, any v1 may match while a secret rolls).
 * The SDK refuses a signature older than the tolerance; one from too far in the future is refused
 * here too (a clock ahead would otherwise make any replay fresh). The event `id` is the same on
 * retries. https://docs.stripe.com/webhooks#verify-official-libraries
 */
export function stripeWebhooks(secret: string, orderNumberMetadataKeys: readonly string[]): WebhookVerifier {
  return {
    verify(request: WebhookRequest): WebhookDelivery {
      const header = requireHeader(request.headers, 'stripe-signature', VENDOR);
      try {
        SIGNATURE.verifyHeader(
          request.rawBody,
          header,
          secret,
          TOLERANCE_SECONDS,
          undefined,
          request.receivedAt.getTime(),
        );
      } catch (error) {
        const stale = /tolerance/i.test((error as Error).message);
        throw new WebhookRejected(
          stale ? 'timestamp_stale' : 'signature_invalid',
          `${VENDOR}: ${stale ? 'the signature is older than 300 s' : 'no v1 signature matches the body'}`,
        );
      }
      assertFresh(
        Number(parseHeader(header).timestamp) * 1000,
        request.receivedAt,
        TOLERANCE_SECONDS,
        VENDOR,
      );
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

/** The signature's timestamp (Stripe's SDK has checked the header's shape and signature by now). */
function parseHeader(header: string): { timestamp?: string } {
  for (const part of header.split(',')) {
    const at = part.indexOf('=');
    if (part.slice(0, at).trim() === 't') return { timestamp: part.slice(at + 1).trim() };
  }
  return {};
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
