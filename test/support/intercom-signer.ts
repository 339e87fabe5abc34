import { createHmac } from 'node:crypto';

/**
 * Signs a Canvas Kit request as Intercom does, for tests that play Intercom: `X-Body-Signature` is
 * the hex HMAC-SHA256 of the body under the app's client secret. The verifier is checked against a
 * vector computed by another implementation (test/unit/doors/intercom-signature.spec.ts); this only
 * produces requests for the hub to judge.
 */
export function intercomSignature(secret: string, body: string): { 'x-body-signature': string } {
  return { 'x-body-signature': createHmac('sha256', secret).update(body, 'utf8').digest('hex') };
}
