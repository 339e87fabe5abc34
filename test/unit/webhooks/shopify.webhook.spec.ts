import { shopifyWebhooks } from '../../../connectors/shopify/shopify.webhook';
import { hmac, outcome, request, respaced } from './webhook-request';

const SECRET = 'shpss_test_client_secret';
const verifier = shopifyWebhooks(SECRET, '#');
const ORDER = JSON.stringify({
  id: 450789469,
  name: '#1001',
  order_number: 1001,
  email: 'Alice@Example.com',
});

function signed(body: string, topic = 'orders/updated', secret = SECRET) {
  return request(body, {
    'X-Shopify-Topic': topic,
    'X-Shopify-Webhook-Id': 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
    'X-Shopify-Hmac-Sha256': hmac(secret, body).digest('base64'),
  });
}

describe('Shopify webhooks (X-Shopify-Hmac-Sha256)', () => {
  it('accepts the base64 HMAC-SHA256 of the raw body and names the order', () => {
    expect(verifier.verify(signed(ORDER))).toEqual({
      deliveryId: 'b54557e4-bdd9-4b37-8a5f-bf7d70bcd043',
      kind: 'orders/updated',
      subjects: [{ orderNumber: '1001', email: 'alice@example.com' }],
    });
  });

  it('refuses another secret, a changed body and a missing signature', () => {
    expect(outcome(() => verifier.verify(signed(ORDER, 'orders/updated', 'shpss_other')))).toBe(
      'signature_invalid',
    );
    const req = signed(ORDER);
    expect(outcome(() => verifier.verify({ ...req, rawBody: Buffer.from(respaced(ORDER)) }))).toBe(
      'signature_invalid',
    );
    const { ['x-shopify-hmac-sha256']: _dropped, ...headers } = req.headers;
    expect(outcome(() => verifier.verify({ ...req, headers }))).toBe('signature_missing');
  });

  it('needs the delivery id to tell retries apart', () => {
    const req = signed(ORDER);
    const { ['x-shopify-webhook-id']: _dropped, ...headers } = req.headers;
    expect(outcome(() => verifier.verify({ ...req, headers }))).toBe('payload_invalid');
  });

  it('reads a fulfillment event as its order ("#1001.1") and its tracking numbers', () => {
    const body = JSON.stringify({
      id: 1,
      order_id: 450789469,
      name: '#1001.1',
      tracking_numbers: ['1Z001', '1Z002'],
    });
    expect(verifier.verify(signed(body, 'fulfillments/update')).subjects).toEqual([
      { orderNumber: '1001' },
      { trackingNumber: '1Z001' },
      { trackingNumber: '1Z002' },
    ]);
  });

  it('honours the shop prefix, and has no subject for a refund (it names the order by id only)', () => {
    const shop = shopifyWebhooks(SECRET, 'EU-');
    const body = JSON.stringify({ name: 'EU-2001' });
    expect(shop.verify(signed(body)).subjects).toEqual([{ orderNumber: '2001' }]);
    expect(verifier.verify(signed(JSON.stringify({ order_id: 1 }), 'refunds/create')).subjects).toEqual([]);
  });
});
