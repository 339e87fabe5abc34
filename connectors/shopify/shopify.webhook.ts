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
  type WebhookSubject,
  webhookSubject,
  type WebhookVerifier,
} from '../../src/connectors/contract';

const VENDOR = 'Shopify';

/**
 * Shopify webhooks: `X-Shopify-Hmac-Sha256` is the base64 HMAC-SHA256 of the raw body keyed with
 * the app's client secret; `X-Shopify-Webhook-Id` names the delivery (the same on retries);
 * `X-Shopify-Topic` the event. The body is the REST resource (snake_case). No signed timestamp:
 * replays are caught by the delivery id.
 * https://shopify.dev/docs/apps/build/webhooks/subscribe/https
 */
export function shopifyWebhooks(secret: string, orderNamePrefix: string): WebhookVerifier {
  return {
    verify(request: WebhookRequest): WebhookDelivery {
      const signature = requireHeader(request.headers, 'x-shopify-hmac-sha256', VENDOR);
      if (!signatureMatches(signature, hmacSha256(secret, request.rawBody), 'base64')) {
        throw new WebhookRejected(
          'signature_invalid',
          `${VENDOR}: X-Shopify-Hmac-Sha256 does not match the body`,
        );
      }
      const deliveryId = request.headers['x-shopify-webhook-id']?.trim();
      if (!deliveryId)
        throw new WebhookRejected('payload_invalid', `${VENDOR}: no X-Shopify-Webhook-Id header`);
      const kind = request.headers['x-shopify-topic']?.trim() || 'unknown';
      const body = asRecord(parseJsonBody(request.rawBody, VENDOR));
      return { deliveryId, kind, subjects: subjectsOf(kind, body, orderNamePrefix) };
    },
  };
}

/** orders/*: the order itself; fulfillments/*: its order ("#1001.1" is #1001's first) and tracking numbers. */
function subjectsOf(topic: string, body: Record<string, unknown>, prefix: string): WebhookSubject[] {
  const subjects: (WebhookSubject | undefined)[] = [];
  if (topic.startsWith('orders/')) {
    subjects.push(
      webhookSubject({
        orderNumber: numberFromName(body.name, prefix) ?? idText(body.order_number),
        email: idText(body.email) ?? idText(body.contact_email),
      }),
    );
  } else if (topic.startsWith('fulfillments/')) {
    subjects.push(webhookSubject({ orderNumber: numberFromName(body.name, prefix)?.replace(/\.\d+$/, '') }));
    for (const trackingNumber of trackingNumbers(body)) subjects.push({ trackingNumber });
  }
  // refunds/create and the rest carry only the order's id, not its number: no subject.
  return subjects.filter((s): s is WebhookSubject => s !== undefined);
}

function numberFromName(name: unknown, prefix: string): string | undefined {
  const text = idText(name);
  if (!text) return undefined;
  return (prefix && text.startsWith(prefix) ? text.slice(prefix.length) : text) || undefined;
}

function trackingNumbers(body: Record<string, unknown>): string[] {
  const list: unknown[] = Array.isArray(body.tracking_numbers)
    ? body.tracking_numbers
    : [body.tracking_number];
  return [...new Set(list.map(idText).filter((t): t is string => Boolean(t)))];
}
