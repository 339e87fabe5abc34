import nock from 'nock';
import { stripeConnector } from '../../../connectors/stripe';
import { fromMinorUnits, toMinorUnits } from '../../../connectors/stripe/stripe.amounts';
import { refundSchema } from '../../../connectors/stripe/stripe.payloads';
import { type ActionRequest, type Connector } from '../../../src/connectors/contract';
import { type Json, stripeReply } from '../../fixtures/stripe';
import { failure } from '../../support/connector-failure';

/** nock answers as api.stripe.com itself; test/setup/nock-restore.ts keeps each file's nock to itself. */
const STRIPE = 'https://api.stripe.com';
const PAID = 'pi_3QF1b9LkdIwHu7ix1Yt4WmPa';
const DASHBOARD = 'https://dashboard.stripe.com';
const JSON_HEADERS = { 'Content-Type': 'application/json', 'Request-Id': 'req_test123' };

interface Sent {
  method: string;
  path: string;
  query: Record<string, string>;
  form?: Record<string, string>;
  idempotencyKey?: string;
}

function create(): Connector {
  const options = stripeConnector.optionsSchema.parse({ secretKey: 'sk_test_4eC39HqLyjWDarjt' });
  return stripeConnector.create(options, { id: 'stripe', logger: { debug() {}, warn() {} } });
}

function search(sent: Sent[], body: Json = stripeReply('payment-intents-search')) {
  return nock(STRIPE)
    .get('/v1/payment_intents/search')
    .query(true)
    .reply((uri) => {
      const url = new URL(uri, STRIPE);
      sent.push({ method: 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams) });
      return [200, JSON.stringify(body), JSON_HEADERS];
    });
}

function refundCreate(sent: Sent[], status: number, body: Json) {
  return nock(STRIPE)
    .post('/v1/refunds')
    .reply(function (uri, requestBody) {
      sent.push({
        method: 'POST',
        path: uri,
        query: {},
        form: Object.fromEntries(new URLSearchParams(String(requestBody))),
        idempotencyKey: this.req.headers['idempotency-key'] as string | undefined,
      });
      return [status, JSON.stringify(body), JSON_HEADERS];
    });
}

const refund = (
  params: Partial<Extract<ActionRequest, { type: 'refund' }>['params']> = {},
): ActionRequest => ({
  id: 'act-1',
  type: 'refund',
  orderNumber: '1001',
  params: { amount: '12.34', currency: 'USD', reason: 'requested_by_customer', ...params },
});

describe('StripeConnector refunds (official SDK via nock)', () => {
  let connector: Connector;
  let sent: Sent[];

  beforeEach(() => {
    sent = [];
    connector = create();
  });

  afterEach(async () => {
    await connector.close?.();
    nock.abortPendingRequests();
    nock.cleanAll();
  });

  it('declares refunds keyed, and only refunds', async () => {
    expect(connector.actions).toEqual({ refund: 'keyed' });
    const note: ActionRequest = {
      id: 'n',
      type: 'note',
      orderNumber: '1001',
      params: { text: 'x', author: 'y' },
    };
    expect(await failure(connector.performAction!(note))).toMatchObject({
      code: 'bad_request',
      retryable: false,
    });
    expect(sent).toEqual([]);
  });

  it('finds the paid PaymentIntent as orderByNumber does, then refunds it with the action id as Idempotency-Key', async () => {
    search(sent);
    refundCreate(sent, 200, stripeReply('refund-created'));

    const result = await connector.performAction!(refund());

    expect(sent[0]).toEqual({
      method: 'GET',
      path: '/v1/payment_intents/search',
      query: {
        query: "metadata['order_number']:'1001' OR metadata['order_id']:'1001'",
        limit: '20',
        'expand[0]': 'data.latest_charge',
        'expand[1]': 'data.latest_charge.refunds',
      },
    });
    // The second PaymentIntent of the order never received money: the paid one is refunded.
    expect(sent[1]).toEqual({
      method: 'POST',
      path: '/v1/refunds',
      query: {},
      form: {
        payment_intent: PAID,
        amount: '1234',
        reason: 'requested_by_customer',
        'metadata[hub_action_id]': 'act-1',
      },
      idempotencyKey: 'act-1',
    });
    expect(result).toEqual({
      externalId: 're_3QF1b9LkdIwHu7ix1Zq9XyWv',
      url: `${DASHBOARD}/payments/${PAID}`,
      summary: `Stripe refunded 12.34 USD on payment ${PAID} (succeeded).`,
    });
  });

  it('keeps a reason Stripe does not know in the metadata instead', async () => {
    search(sent);
    refundCreate(sent, 200, stripeReply('refund-created'));

    await connector.performAction!(refund({ reason: 'Arrived broken' }));

    expect(sent[1].form).toEqual({
      payment_intent: PAID,
      amount: '1234',
      'metadata[hub_action_id]': 'act-1',
      'metadata[hub_reason]': 'Arrived broken',
    });
  });

  it('answers a refund that carries this action id without refunding again', async () => {
    const reply = stripeReply('payment-intents-search');
    reply.data[0].latest_charge.refunds.data[0].metadata = { hub_action_id: 'act-1' };
    search(sent, reply);

    const result = await connector.performAction!(refund());

    expect(result).toEqual({
      externalId: reply.data[0].latest_charge.refunds.data[0].id,
      url: `${DASHBOARD}/payments/${PAID}`,
      summary: `Stripe already has this refund on payment ${PAID} (10.00 USD).`,
    });
    expect(sent.map((s) => s.method)).toEqual(['GET']);
  });

  it('converts with the currency’s exponent: JPY has no minor unit', async () => {
    const reply = stripeReply('payment-intents-search-jpy');
    const [pi] = reply.data; // an authorization in the fixture: captured here
    Object.assign(pi, { status: 'succeeded', amount_received: pi.amount });
    const orderNumber = pi.metadata.order_id;
    search(sent, reply);
    refundCreate(sent, 200, { ...stripeReply('refund-created'), amount: 1500, currency: 'jpy' });

    const result = await connector.performAction!({
      ...refund({ amount: '1500', currency: 'JPY' }),
      orderNumber,
    } as ActionRequest);

    expect(sent[1].form?.amount).toBe('1500');
    expect(result.summary).toContain('1500 JPY');
  });

  it('maps amount_too_large and charge_already_refunded to rejected, not retryable', async () => {
    for (const fixture of ['error-amount-too-large', 'error-charge-already-refunded'] as const) {
      search(sent);
      refundCreate(sent, 400, stripeReply(fixture));
      const error = await failure(connector.performAction!(refund({ amount: '50.00' })));
      expect(error).toMatchObject({ code: 'rejected', retryable: false, httpStatus: 400 });
    }
  });

  it('maps HTTP 500 on the refund to upstream_unavailable, retryable', async () => {
    search(sent);
    refundCreate(sent, 500, stripeReply('error-api'));

    expect(await failure(connector.performAction!(refund()))).toMatchObject({
      code: 'upstream_unavailable',
      retryable: true,
      httpStatus: 500,
    });
  });

  it('maps a reused key with other parameters (idempotency_error) to bad_request', async () => {
    search(sent);
    refundCreate(sent, 400, stripeReply('error-idempotency'));

    expect(await failure(connector.performAction!(refund()))).toMatchObject({
      code: 'bad_request',
      retryable: false,
    });
  });

  it('refuses without writing: another currency, a payment refunded in full, an unknown order', async () => {
    search(sent);
    expect((await failure(connector.performAction!(refund({ currency: 'EUR' })))).code).toBe('rejected');

    const full = stripeReply('payment-intents-search');
    full.data[0].latest_charge.amount_refunded = full.data[0].amount_received;
    search(sent, full);
    const error = await failure(connector.performAction!(refund()));
    expect(error).toMatchObject({
      code: 'rejected',
      message: 'Order 1001 is already refunded in full in Stripe',
    });

    search(sent, { ...stripeReply('payment-intents-search'), data: [] });
    expect((await failure(connector.performAction!(refund()))).code).toBe('not_found');
    expect(sent.every((s) => s.method === 'GET')).toBe(true);
  });

  it('refuses an amount Stripe cannot take exactly before any call', async () => {
    expect(await failure(connector.performAction!(refund({ amount: '12.345' })))).toMatchObject({
      code: 'bad_request',
      retryable: false,
    });
    expect(sent).toEqual([]);
  });

  it('links the manual steps to the payment once it is known', async () => {
    const before = connector.manualAction!(refund());
    expect(before.url).toBe(`${DASHBOARD}/search?query=order_number%3A1001`);
    expect(before.instructions).toBe(
      'Open the payment in the Stripe Dashboard (search for order_number:1001) and click Refund. ' +
        'Refund 12.34 USD, reason "Requested by customer", then click Refund. ' +
        'If the payment already shows this refund, there is nothing to do.',
    );
    search(sent);
    nock(STRIPE).get('/v1/disputes').query(true).reply(200, stripeReply('disputes'), JSON_HEADERS);
    await connector.orderByNumber!('1001');
    expect(connector.manualAction!(refund()).url).toBe(`${DASHBOARD}/payments/${PAID}`);
  });
});

describe('Stripe amounts', () => {
  it.each([
    ['12.34', 'usd', 1234],
    ['12.3', 'USD', 1230],
    ['12', 'eur', 1200],
    ['1500', 'jpy', 1500],
    ['1500.0', 'JPY', 1500],
    ['12.340', 'kwd', 12340],
    ['0.01', 'gbp', 1],
  ])('%s %s is %d minor units', (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
    expect(fromMinorUnits(minor, currency)).toMatch(/^\d+(\.\d+)? [A-Z]{3}$/);
  });

  it.each([
    ['12.345', 'usd'],
    ['1500.5', 'jpy'],
    ['12.345', 'kwd'],
    ['0', 'usd'],
    ['-1', 'usd'],
    ['1e3', 'usd'],
  ])('refuses %s %s', (amount, currency) => {
    expect(() => toMinorUnits(amount, currency)).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });

  it('the refund fixture passes the connector’s refund schema', () => {
    expect(refundSchema.safeParse(stripeReply('refund-created')).error).toBeUndefined();
  });
});
