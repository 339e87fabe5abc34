import { hubspotWebhooks } from '../../../connectors/hubspot/hubspot.webhook';
import { hmac, outcome, RECEIVED_AT, request, respaced } from './webhook-request';

const SECRET = 'hubspot-client-secret';
const verifier = hubspotWebhooks(SECRET);
const URL = 'https://hub.example.com/webhooks/hubspot';
const EVENTS = JSON.stringify([
  {
    eventId: 1001,
    subscriptionType: 'contact.propertyChange',
    objectId: 51,
    propertyName: 'email',
    propertyValue: 'Priya.Patel@Example.com',
  },
]);

function signed(body: string, at = RECEIVED_AT.getTime(), url = URL, signedUrl = url, secret = SECRET) {
  return request(
    body,
    {
      'X-HubSpot-Signature-v3': hmac(secret, `POST${signedUrl}${body}${at}`).digest('base64'),
      'X-HubSpot-Request-Timestamp': String(at),
    },
    { url },
  );
}

describe('HubSpot webhooks (X-HubSpot-Signature-v3)', () => {
  it('accepts base64 HMAC-SHA256 of method + URL + body + timestamp, and names an email change', () => {
    expect(verifier.verify(signed(EVENTS))).toEqual({
      deliveryId: '1001',
      kind: 'contact.propertyChange',
      subjects: [{ email: 'priya.patel@example.com' }],
    });
  });

  it('signs the URL with the characters HubSpot decodes decoded', () => {
    const called = 'https://hub.example.com/webhooks/hubspot?portal=1%3A2%2C3';
    const req = signed(
      EVENTS,
      RECEIVED_AT.getTime(),
      called,
      'https://hub.example.com/webhooks/hubspot?portal=1:2,3',
    );
    expect(outcome(() => verifier.verify(req))).toBe('accepted');
  });

  it('refuses another secret, a changed body, another URL and missing headers', () => {
    const t = RECEIVED_AT.getTime();
    expect(outcome(() => verifier.verify(signed(EVENTS, t, URL, URL, 'other')))).toBe('signature_invalid');
    expect(
      outcome(() => verifier.verify({ ...signed(EVENTS), rawBody: Buffer.from(respaced(EVENTS)) })),
    ).toBe('signature_invalid');
    expect(
      outcome(() => verifier.verify(signed(EVENTS, t, 'https://evil.example.com/webhooks/hubspot', URL))),
    ).toBe('signature_invalid');
    expect(outcome(() => verifier.verify(request(EVENTS, {})))).toBe('signature_missing');
  });

  it('refuses a request timestamp (ms) older than 5 minutes', () => {
    expect(outcome(() => verifier.verify(signed(EVENTS, RECEIVED_AT.getTime() - 299_000)))).toBe('accepted');
    expect(outcome(() => verifier.verify(signed(EVENTS, RECEIVED_AT.getTime() - 301_000)))).toBe(
      'timestamp_stale',
    );
  });

  it('names a batch of events by their sorted ids, the same on a retry in another order', () => {
    const a = { eventId: 7, subscriptionType: 'ticket.creation', objectId: 9 };
    const b = { eventId: 8, subscriptionType: 'ticket.propertyChange', objectId: 9, propertyName: 'subject' };
    const first = verifier.verify(signed(JSON.stringify([a, b])));
    const retry = verifier.verify(signed(JSON.stringify([b, a])));
    expect(first.deliveryId).toMatch(/^batch-[0-9a-f]{32}$/);
    expect(retry.deliveryId).toBe(first.deliveryId);
    expect(first.kind).toBe('ticket.creation,ticket.propertyChange');
    expect(first.subjects).toEqual([]);
  });
});
