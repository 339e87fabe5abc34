import { zendeskWebhooks } from '../../../connectors/zendesk/zendesk.webhook';
import { hmac, outcome, RECEIVED_AT, request, respaced } from './webhook-request';

const SECRET = 'dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==';
const verifier = zendeskWebhooks(SECRET);
const EVENT = JSON.stringify({
  type: 'zen:event-type:ticket.status_changed',
  id: 'cbe4028c-7239-495d-b020-f22348516046',
  detail: { id: '35', requester_id: '123' },
});
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

function signed(body: string, at = RECEIVED_AT.getTime(), secret = SECRET) {
  const t = iso(at);
  return request(body, {
    'X-Zendesk-Webhook-Signature': hmac(secret, `${t}${body}`).digest('base64'),
    'X-Zendesk-Webhook-Signature-Timestamp': t,
    'X-Zendesk-Webhook-Invocation-Id': '8350205582',
  });
}

describe('Zendesk webhooks (X-Zendesk-Webhook-Signature)', () => {
  it('accepts the base64 HMAC-SHA256 of timestamp + body', () => {
    expect(verifier.verify(signed(EVENT))).toEqual({
      deliveryId: '8350205582',
      kind: 'zen:event-type:ticket.status_changed',
      subjects: [],
    });
  });

  it('refuses another secret, a changed body and missing headers', () => {
    expect(outcome(() => verifier.verify(signed(EVENT, RECEIVED_AT.getTime(), 'other')))).toBe(
      'signature_invalid',
    );
    expect(outcome(() => verifier.verify({ ...signed(EVENT), rawBody: Buffer.from(respaced(EVENT)) }))).toBe(
      'signature_invalid',
    );
    expect(outcome(() => verifier.verify(request(EVENT, {})))).toBe('signature_missing');
  });

  it('refuses a signature timestamp more than 5 minutes from arrival', () => {
    expect(outcome(() => verifier.verify(signed(EVENT, RECEIVED_AT.getTime() - 300_000)))).toBe('accepted');
    expect(outcome(() => verifier.verify(signed(EVENT, RECEIVED_AT.getTime() - 301_000)))).toBe(
      'timestamp_stale',
    );
  });

  it("reads a trigger body's requester email, and takes a body that is not JSON", () => {
    const trigger = JSON.stringify({ ticket: { id: 35, requester: { email: 'Daniel.Kim@example.com' } } });
    expect(verifier.verify(signed(trigger)).subjects).toEqual([{ email: 'daniel.kim@example.com' }]);
    expect(verifier.verify(signed('ticket=35&status=solved'))).toMatchObject({
      kind: 'trigger',
      subjects: [],
    });
  });
});
