import { afterShipWebhooks } from '../../../connectors/aftership/aftership.webhook';
import { hmac, outcome, request, respaced } from './webhook-request';

const SECRET = 'aftership-test-secret';
const verifier = afterShipWebhooks(SECRET);
const EVENT = JSON.stringify({
  event: 'tracking_update',
  event_id: '6f0bd0a4-4b49-4d2b-a1b5-2f8b4d6d6c1e',
  msg: { id: 'trk_9f', tracking_number: '1Z999AA10123456784', tag: 'Exception' },
  ts: 1772360100,
});
const signed = (body: string, secret = SECRET) =>
  request(body, { 'aftership-hmac-sha256': hmac(secret, body).digest('base64') });

describe('AfterShip webhooks (aftership-hmac-sha256)', () => {
  it('accepts the base64 HMAC-SHA256 of the raw body and names the parcel', () => {
    expect(verifier.verify(signed(EVENT))).toEqual({
      deliveryId: '6f0bd0a4-4b49-4d2b-a1b5-2f8b4d6d6c1e',
      kind: 'tracking_update',
      subjects: [{ trackingNumber: '1Z999AA10123456784' }],
    });
  });

  it('refuses another secret, a changed body and no header', () => {
    expect(outcome(() => verifier.verify(signed(EVENT, 'other')))).toBe('signature_invalid');
    const req = signed(EVENT);
    expect(outcome(() => verifier.verify({ ...req, rawBody: Buffer.from(respaced(EVENT)) }))).toBe(
      'signature_invalid',
    );
    expect(outcome(() => verifier.verify(request(EVENT, {})))).toBe('signature_missing');
  });

  it('names a payload without event_id by its tracking and send time', () => {
    const body = JSON.stringify({
      event: 'tracking_update',
      msg: { id: 'trk_9f', tracking_number: '1Z1' },
      ts: 1772360100,
    });
    expect(verifier.verify(signed(body)).deliveryId).toBe('trk_9f:1772360100');
    expect(outcome(() => verifier.verify(signed(JSON.stringify({ event: 'x' }))))).toBe('payload_invalid');
  });
});
