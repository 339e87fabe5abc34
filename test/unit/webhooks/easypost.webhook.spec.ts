import { easyPostWebhooks } from '../../../connectors/easypost/easypost.webhook';
import { hmac, outcome, request, respaced } from './webhook-request';

const EVENT = JSON.stringify({
  id: 'evt_3c7f2a1b9e8d4c6a',
  object: 'Event',
  description: 'tracker.updated',
  result: { id: 'trk_1', object: 'Tracker', tracking_code: '9400110898825022579493', status: 'failure' },
});
const signed = (body: string, secret: string) =>
  request(body, {
    'X-Hmac-Signature': `hmac-sha256-hex=${hmac(Buffer.from(secret.normalize('NFKD'), 'utf8'), body).digest('hex')}`,
  });

describe('EasyPost webhooks (X-Hmac-Signature: hmac-sha256-hex=)', () => {
  it('accepts the hex HMAC-SHA256 of the raw body and names the parcel', () => {
    expect(easyPostWebhooks('sekret').verify(signed(EVENT, 'sekret'))).toEqual({
      deliveryId: 'evt_3c7f2a1b9e8d4c6a',
      kind: 'tracker.updated',
      subjects: [{ trackingNumber: '9400110898825022579493' }],
    });
  });

  it('keys the HMAC with the NFKD form of the secret, as EasyPost does', () => {
    // "ﬁ" (U+FB01) decomposes to "fi" under NFKD: EasyPost signs with the decomposed bytes.
    const verifier = easyPostWebhooks('con\uFB01dential');
    expect(outcome(() => verifier.verify(signed(EVENT, 'confidential')))).toBe('accepted');
  });

  it('refuses another secret, a changed body, a header without the scheme prefix and no header', () => {
    const verifier = easyPostWebhooks('sekret');
    expect(outcome(() => verifier.verify(signed(EVENT, 'other')))).toBe('signature_invalid');
    const req = signed(EVENT, 'sekret');
    expect(outcome(() => verifier.verify({ ...req, rawBody: Buffer.from(respaced(EVENT)) }))).toBe(
      'signature_invalid',
    );
    const bare = req.headers['x-hmac-signature']!.replace('hmac-sha256-hex=', '');
    expect(outcome(() => verifier.verify(request(EVENT, { 'x-hmac-signature': bare })))).toBe(
      'signature_invalid',
    );
    expect(outcome(() => verifier.verify(request(EVENT, {})))).toBe('signature_missing');
  });
});
