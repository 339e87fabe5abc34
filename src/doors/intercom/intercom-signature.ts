import { doorUnauthorized } from '../door-problems';
import {
  hmacSha256,
  requireHeader,
  signatureMatches,
  WebhookRejected,
} from '../../connectors/webhook-signature';

const VENDOR = 'Intercom';
const HEX_SHA256 = /^[0-9a-fA-F]{64}$/;

/**
 * Intercom signs every Canvas Kit request: `X-Body-Signature` is the hex HMAC-SHA256 of the raw
 * body bytes under the app's client secret. The signature carries no time (docs/doors/intercom.md
 * "Signature" says what that means for replays). Throws WebhookRejected: `signature_missing`,
 * `signature_invalid`.
 */
export function verifyIntercomSignature(
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: Buffer,
  clientSecret: string,
): void {
  const signature = requireHeader(headers, 'x-body-signature', VENDOR);
  if (!HEX_SHA256.test(signature)) {
    throw new WebhookRejected('signature_invalid', `${VENDOR}: X-Body-Signature is not a hex HMAC-SHA256`);
  }
  if (!signatureMatches(signature, hmacSha256(clientSecret, rawBody), 'hex')) {
    throw new WebhookRejected('signature_invalid', `${VENDOR}: the signature does not match the body`);
  }
}

/**
 * Lets a request in only when Intercom signed it with this app's client secret; throws a 401
 * problem (`door_unauthorized`, with `reason`) before the body is read otherwise.
 */
export function authorizeIntercom(
  clientSecret: string,
  headers: Readonly<Record<string, string | undefined>>,
  rawBody: Buffer,
): void {
  try {
    verifyIntercomSignature(headers, rawBody, clientSecret);
  } catch (error) {
    if (!(error instanceof WebhookRejected)) throw error;
    throw doorUnauthorized(error.code, error.message);
  }
}
