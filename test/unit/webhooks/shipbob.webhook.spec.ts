import { shipbobWebhooks } from '../../../connectors/shipbob/shipbob.webhook';
import { hmac, outcome, RECEIVED_AT, RECEIVED_S, request, respaced } from './webhook-request';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const KEY = Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64');
const verifier = shipbobWebhooks(SECRET);
const ORDER = JSON.stringify({
  order_id: 287001001,
  reference_id: '1001',
  shipments: [{ id: 195000001, tracking: { carrier: 'UPS', tracking_number: '1Z999AA10123456784' } }],
});

function signed(body: string, t = RECEIVED_S, id = 'msg_2mWvXoq8k6b3', key = KEY) {
  return request(body, {
    'webhook-id': id,
    'webhook-timestamp': String(t),
    'webhook-signature': `v1,${hmac(key, `${id}.${t}.${body}`).digest('base64')}`,
    'x-webhook-topic': 'order.shipped',
  });
}

describe('ShipBob webhooks (Standard Webhooks)', () => {
  it('passes the Standard Webhooks reference vector', () => {
    const body = '{"test": 2432232314}';
    const req = request(body, {
      'webhook-id': 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      'webhook-timestamp': '1614265330',
      'webhook-signature': 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
    });
    const delivery = verifier.verify({ ...req, receivedAt: new Date(1614265330_000 + 60_000) });
    expect(delivery.deliveryId).toBe('msg_p5jXN8AQM9LWM0D4loKWxJek');
  });

  it('accepts `${id}.${timestamp}.${body}` signed with the decoded whsec_ key, names order and parcels', () => {
    expect(verifier.verify(signed(ORDER))).toEqual({
      deliveryId: 'msg_2mWvXoq8k6b3',
      kind: 'order.shipped',
      subjects: [{ orderNumber: '1001' }, { trackingNumber: '1Z999AA10123456784' }],
    });
  });

  it('accepts any v1 entry of the space-separated list', () => {
    const req = signed(ORDER);
    const header = `v1,${hmac('old', 'x').digest('base64')} ${req.headers['webhook-signature']}`;
    expect(
      outcome(() => verifier.verify({ ...req, headers: { ...req.headers, 'webhook-signature': header } })),
    ).toBe('accepted');
  });

  it('refuses another key, a changed body, another id and missing headers', () => {
    expect(outcome(() => verifier.verify(signed(ORDER, RECEIVED_S, 'msg_1', Buffer.from('other'))))).toBe(
      'signature_invalid',
    );
    const req = signed(ORDER);
    expect(outcome(() => verifier.verify({ ...req, rawBody: Buffer.from(respaced(ORDER)) }))).toBe(
      'signature_invalid',
    );
    expect(
      outcome(() => verifier.verify({ ...req, headers: { ...req.headers, 'webhook-id': 'msg_other' } })),
    ).toBe('signature_invalid');
    expect(outcome(() => verifier.verify(request(ORDER, {})))).toBe('signature_missing');
  });

  it('refuses a timestamp more than 300 s away from arrival', () => {
    expect(outcome(() => verifier.verify(signed(ORDER, RECEIVED_S - 300)))).toBe('accepted');
    expect(outcome(() => verifier.verify(signed(ORDER, RECEIVED_S - 301)))).toBe('timestamp_stale');
    expect(outcome(() => verifier.verify(signed(ORDER, RECEIVED_S + 301)))).toBe('timestamp_stale');
    expect(RECEIVED_AT.getTime()).toBe(RECEIVED_S * 1000);
  });
});
