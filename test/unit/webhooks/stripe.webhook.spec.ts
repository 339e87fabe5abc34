import { stripeWebhooks } from '../../../connectors/stripe/stripe.webhook';
import { hmac, outcome, RECEIVED_S, request, respaced } from './webhook-request';

const SECRET = 'whsec_test_endpoint_secret';
const verifier = stripeWebhooks(SECRET, ['order_number', 'order_id']);
const EVENT = JSON.stringify({
  id: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
  object: 'event',
  type: 'payment_intent.succeeded',
  data: {
    object: { object: 'payment_intent', id: 'pi_1', metadata: { order_id: '#1001' }, receipt_email: null },
  },
});

const header = (t: number, body: string, secret = SECRET) =>
  `t=${t},v1=${hmac(secret, `${t}.${body}`).digest('hex')}`;
const signed = (body: string, value: string) => request(body, { 'Stripe-Signature': value });

describe('Stripe webhooks (Stripe-Signature t=,v1=)', () => {
  it('accepts the hex HMAC-SHA256 of `${t}.${body}` and names the order from metadata', () => {
    expect(verifier.verify(signed(EVENT, header(RECEIVED_S - 10, EVENT)))).toEqual({
      deliveryId: 'evt_1NG8Du2eZvKYlo2CUI79vXWy',
      kind: 'payment_intent.succeeded',
      subjects: [{ orderNumber: '1001' }],
    });
  });

  it('accepts any one of several v1 signatures (a secret being rolled)', () => {
    const t = RECEIVED_S;
    const old = hmac('whsec_old', `${t}.${EVENT}`).digest('hex');
    const value = `t=${t},v1=${old},${header(t, EVENT).split(',')[1]},v0=abc`;
    expect(outcome(() => verifier.verify(signed(EVENT, value)))).toBe('accepted');
  });

  it('refuses another secret, a changed body, a missing header and a header without v1', () => {
    const t = RECEIVED_S;
    expect(outcome(() => verifier.verify(signed(EVENT, header(t, EVENT, 'whsec_other'))))).toBe(
      'signature_invalid',
    );
    expect(outcome(() => verifier.verify(signed(respaced(EVENT), header(t, EVENT))))).toBe(
      'signature_invalid',
    );
    expect(outcome(() => verifier.verify(request(EVENT, {})))).toBe('signature_missing');
    expect(outcome(() => verifier.verify(signed(EVENT, `t=${t}`)))).toBe('signature_invalid');
  });

  it('refuses a signature made more than 300 s before (or after) it arrived', () => {
    expect(outcome(() => verifier.verify(signed(EVENT, header(RECEIVED_S - 300, EVENT))))).toBe('accepted');
    expect(outcome(() => verifier.verify(signed(EVENT, header(RECEIVED_S - 301, EVENT))))).toBe(
      'timestamp_stale',
    );
    expect(outcome(() => verifier.verify(signed(EVENT, header(RECEIVED_S + 301, EVENT))))).toBe(
      'timestamp_stale',
    );
  });

  it('has no subject for a dispute, which names neither order nor customer', () => {
    const body = JSON.stringify({
      id: 'evt_2',
      type: 'charge.dispute.created',
      data: { object: { object: 'dispute', charge: 'ch_1' } },
    });
    expect(verifier.verify(signed(body, header(RECEIVED_S, body))).subjects).toEqual([]);
  });
});
