import { join } from 'node:path';
import { type OrderFragment, type Payment } from '../../../src/canonical';
import { type UnknownValueEvent } from '../../../src/mapping/mapping.compiler';
import { MappingRegistry } from '../../../src/mapping/mapping.registry';
import { type Json, stripeOrderPayload, stripeReply } from '../../fixtures/stripe';

const MAPPINGS = join(__dirname, '../../../mappings');
// What StripeConnector.mappingContext holds with the default dashboardUrl.
const CTX = { connector: 'stripe', dashboardUrl: 'https://dashboard.stripe.com' };

const usd = (amount: string) => ({ amount, currency: 'USD' });
const source = (id: string) => ({
  connector: 'stripe',
  id,
  url: `https://dashboard.stripe.com/payments/${id}`,
});

const PAID = 'pi_3QF1b9LkdIwHu7ix1Yt4WmPa';
const DECLINED = 'pi_3QF1a2LkdIwHu7ix0Kq8ZrDe';

describe('mappings/stripe/order.yaml', () => {
  let registry: MappingRegistry;
  let events: UnknownValueEvent[];
  const map = (payload: Json, ctx: Record<string, string> = CTX) =>
    registry.map<OrderFragment>('stripe', 'order', payload, ctx);

  beforeEach(() => {
    events = [];
    registry = new MappingRegistry({ dirs: [MAPPINGS], onUnknown: (e) => events.push(e) });
  });

  describe('payment-intents-search.json (#1001: a declined attempt, then paid, refunded in part, disputed)', () => {
    let fragment: OrderFragment;
    let paid: Payment;
    let declined: Payment;
    beforeEach(async () => {
      const disputes = { [PAID]: stripeReply('disputes') };
      fragment = await map(stripeOrderPayload('1001', 'payment-intents-search', disputes));
      [declined, paid] = fragment.payments!;
    });

    it('is a fragment of order 1001 listing every PaymentIntent as a source, oldest first', () => {
      expect(fragment.number).toBe('1001');
      expect(fragment.sources).toEqual([source(DECLINED), source(PAID)]);
      expect(Object.keys(fragment).sort()).toEqual(['number', 'payments', 'sources']);
      expect(fragment.payments!.map((p) => p.id)).toEqual([DECLINED, PAID]);
    });

    it('maps the paid PaymentIntent field by field', () => {
      expect(paid).toEqual({
        id: PAID,
        provider: 'stripe',
        status: 'succeeded',
        amount: usd('77.07'),
        capturedAmount: usd('77.07'),
        refundedAmount: usd('25.00'),
        method: { type: 'card', brand: 'Visa', last4: '4242' },
        createdAt: '2025-11-02T14:03:10Z',
        refunds: [
          {
            id: 're_3QF1b9LkdIwHu7ix1aB2cD3e',
            amount: usd('15.00'),
            status: 'succeeded',
            reason: 'requested_by_customer',
            createdAt: '2025-11-06T17:30:05Z',
          },
          {
            id: 're_3QF1b9LkdIwHu7ix1fG4hI5j',
            amount: usd('10.00'),
            status: 'pending',
            createdAt: '2025-11-08T11:20:00Z',
          },
        ],
        disputes: [
          {
            id: 'dp_1QG7kRLkdIwHu7ixW9nB4c2D',
            amount: usd('52.07'),
            status: 'needs_response',
            open: true,
            reason: 'product_not_received',
            evidenceDueBy: '2025-11-28T23:59:59Z',
          },
        ],
        risk: { level: 'elevated' },
        orderNumber: '1001',
        sources: [source(PAID)],
      });
    });

    it('maps requires_payment_method with a last_payment_error to failed, with the declined card', () => {
      expect(declined).toMatchObject({
        id: DECLINED,
        status: 'failed',
        amount: usd('77.07'),
        capturedAmount: usd('0.00'),
        refundedAmount: usd('0.00'),
        method: { type: 'card', brand: 'Mastercard', last4: '4444' },
        refunds: [],
        disputes: [],
        risk: { level: 'normal' },
      });
      expect(events).toEqual([]);
    });
  });

  it('converts zero-decimal JPY and maps requires_capture to authorized', async () => {
    const fragment = await map(stripeOrderPayload('1003', 'payment-intents-search-jpy'));

    expect(fragment.payments).toEqual([
      expect.objectContaining({
        status: 'authorized',
        amount: { amount: '4500', currency: 'JPY' },
        capturedAmount: { amount: '0', currency: 'JPY' },
        refundedAmount: { amount: '0', currency: 'JPY' },
        method: { type: 'card', brand: 'JCB', last4: '0005' },
        createdAt: '2025-10-14T08:22:31Z',
        orderNumber: '1003',
      }),
    ]);
  });

  it('converts three-decimal KWD and maps a voided authorization to canceled with its release', async () => {
    const fragment = await map(stripeOrderPayload('1008', 'payment-intents-search-kwd'));
    const kwd = (amount: string) => ({ amount, currency: 'KWD' });

    const [voided, paid] = fragment.payments!;
    expect(voided).toMatchObject({
      id: 'pi_3QJ4e6LkdIwHu7ix3Kw1Dv0A',
      status: 'canceled',
      amount: kwd('12.345'),
      capturedAmount: kwd('0.000'),
      refundedAmount: kwd('12.345'),
      method: { type: 'card', brand: 'American Express', last4: '8431' },
      refunds: [
        {
          id: 're_3QJ4e6LkdIwHu7ix3Kw5Rl2C',
          amount: kwd('12.345'),
          status: 'succeeded',
          createdAt: '2025-11-20T07:01:40Z',
        },
      ],
    });
    expect(paid).toMatchObject({ status: 'succeeded', capturedAmount: kwd('12.345') });
  });

  describe('payment-intents-search-statuses.json (one PaymentIntent per status, unknown values)', () => {
    let payments: Payment[];
    beforeEach(async () => {
      payments = (await map(stripeOrderPayload('1042', 'payment-intents-search-statuses'))).payments!;
    });

    it('maps every other PaymentIntent status', () => {
      expect(payments.map((p) => p.status)).toEqual([
        'pending', // processing
        'requires_action', // requires_action
        'requires_action', // requires_confirmation
        'pending', // requires_payment_method without an error: not attempted yet
        'unknown', // requires_reauthorization: no mapping knows it
      ]);
    });

    it('keeps a bank debit as its own method type and leaves out what an unattempted payment lacks', () => {
      expect(payments[0].method).toEqual({ type: 'sepa_debit', last4: '3000' });
      expect(payments[3]).toEqual({
        id: 'pi_3QK5g4LkdIwHu7ix4Rd3Ct4D',
        provider: 'stripe',
        status: 'pending',
        amount: { amount: '25.99', currency: 'EUR' },
        capturedAmount: { amount: '0.00', currency: 'EUR' },
        createdAt: '2025-11-04T09:12:47Z',
        refunds: [],
        disputes: [],
        orderNumber: '1042',
        sources: [source('pi_3QK5g4LkdIwHu7ix4Rd3Ct4D')],
      });
    });

    it('turns unknown status, refund status and card brand into unknown, and counts each', () => {
      const odd = payments[4];
      expect(odd.status).toBe('unknown');
      expect(odd.method).toEqual({ type: 'card', brand: 'unknown', last4: '0019' });
      expect(odd.refunds).toEqual([expect.objectContaining({ status: 'unknown', reason: 'duplicate' })]);
      expect(odd.risk).toEqual({ level: 'highest' });
      expect(events.map((e) => `${e.field}=${e.value}`).sort()).toEqual([
        'payments[].method.brand=novacard',
        'payments[].refunds[].status=reversed',
        'payments[].status=requires_reauthorization',
      ]);
      expect(registry.unknownValues()).toEqual({
        'stripe/order payments[].method.brand=novacard': 1,
        'stripe/order payments[].refunds[].status=reversed': 1,
        'stripe/order payments[].status=requires_reauthorization': 1,
      });
    });
  });

  it('marks only needs_response, under_review and the open warnings as open disputes', async () => {
    const statuses = [
      'needs_response',
      'under_review',
      'warning_needs_response',
      'warning_under_review',
      'warning_closed',
      'won',
      'lost',
      'prevented',
    ];
    const [template] = stripeReply('disputes').data;
    const list = {
      object: 'list',
      has_more: false,
      url: '/v1/disputes',
      data: statuses.map((status, i) => ({ ...template, id: `dp_${i}`, status, evidence_details: null })),
    };

    const fragment = await map(stripeOrderPayload('1001', 'payment-intents-search', { [PAID]: list }));

    const disputes = fragment.payments![1].disputes;
    expect(disputes.map((d) => [d.status, d.open])).toEqual([
      ['needs_response', true],
      ['under_review', true],
      ['warning_needs_response', true],
      ['warning_under_review', true],
      ['warning_closed', false],
      ['won', false],
      ['lost', false],
      ['prevented', false],
    ]);
    expect(disputes.every((d) => d.evidenceDueBy === undefined)).toBe(true);
  });

  it('builds deep links from the configured dashboard origin', async () => {
    const ctx = { connector: 'stripe-eu', dashboardUrl: 'https://dashboard.stripe.com/test' };

    const fragment = await map(stripeOrderPayload('1003', 'payment-intents-search-jpy'), ctx);

    expect(fragment.sources).toEqual([
      {
        connector: 'stripe-eu',
        id: 'pi_3QH2c4LkdIwHu7ix2Jp5Yn8Q',
        url: 'https://dashboard.stripe.com/test/payments/pi_3QH2c4LkdIwHu7ix2Jp5Yn8Q',
      },
    ]);
  });
});
