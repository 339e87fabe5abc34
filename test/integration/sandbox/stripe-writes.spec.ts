import { stripeConnector } from '../../../connectors/stripe';
import { startSandbox, type Sandbox } from '../../../sandbox/sandbox.server';
import { type ActionRequest, type Connector } from '../../../src/connectors/contract';
import { failure } from '../../support/connector-failure';
import { ANCHOR, control } from './sandbox.helpers';

const KEY = 'sk_test_sandbox';

describe('sandbox: Stripe writes (POST /v1/refunds)', () => {
  let sandbox: Sandbox;
  let stripe: Connector;

  const get = async (path: string) => {
    const res = await fetch(sandbox.url + path, { headers: { authorization: `Bearer ${KEY}` } });
    return { status: res.status, body: (await res.json()) as any };
  };
  const post = async (form: Record<string, string>, idempotencyKey?: string) => {
    const res = await fetch(`${sandbox.url}/v1/refunds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${KEY}`,
        'content-type': 'application/x-www-form-urlencoded',
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
      body: new URLSearchParams(form).toString(),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  /** The order's PaymentIntent with its charge. */
  const intent = async (orderNumber: number) =>
    (
      await get(
        `/v1/payment_intents/search?query=${encodeURIComponent(`metadata['order_number']:'${orderNumber}'`)}&expand[]=data.latest_charge`,
      )
    ).body.data[0];
  const refund = (id: string, orderNumber: string, amount: string, currency = 'USD'): ActionRequest => ({
    id,
    type: 'refund',
    orderNumber,
    params: { amount, currency, reason: 'requested_by_customer' },
  });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, anchor: ANCHOR });
    const options = stripeConnector.optionsSchema.parse({ baseUrl: sandbox.url, secretKey: KEY });
    stripe = stripeConnector.create(options, { id: 'stripe', logger: { debug() {}, warn() {} } });
  });
  afterAll(async () => {
    await stripe.close?.();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  it('refunds part of a payment; lists, the charge and retrievals show it', async () => {
    const pi = await intent(1001);
    const reply = await post({
      payment_intent: pi.id,
      amount: '1000',
      reason: 'requested_by_customer',
      'metadata[hub_action_id]': 'act-s1',
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      object: 'refund',
      amount: 1000,
      currency: 'usd',
      status: 'succeeded',
      payment_intent: pi.id,
      charge: pi.latest_charge.id,
      reason: 'requested_by_customer',
      metadata: { hub_action_id: 'act-s1' },
    });
    expect(reply.body.id).toMatch(/^re_[A-Za-z0-9]{24}$/);
    expect((await get(`/v1/refunds/${reply.body.id}`)).body.id).toBe(reply.body.id);
    expect((await get(`/v1/refunds?payment_intent=${pi.id}`)).body.data[0].id).toBe(reply.body.id);
    expect((await intent(1001)).latest_charge).toMatchObject({ amount_refunded: 1000, refunded: false });
    expect(sandbox.writes()).toMatchObject({
      writes: [{ vendor: 'stripe', operation: 'POST /v1/refunds', orderNumber: '1001', key: 'act-s1' }],
      replays: 0,
    });
  });

  it('replays the same Idempotency-Key with the same parameters, refusing other parameters', async () => {
    const pi = await intent(1001);
    const first = await post({ payment_intent: pi.id, amount: '500' }, 'key-1');
    const again = await post({ amount: '500', payment_intent: pi.id }, 'key-1');
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const other = await post({ payment_intent: pi.id, amount: '600' }, 'key-1');
    expect(other.status).toBe(400);
    expect(other.body.error.type).toBe('idempotency_error');
    expect((await intent(1001)).latest_charge.amount_refunded).toBe(500);
    expect(sandbox.writes()).toMatchObject({ writes: [{ key: 'key-1' }], replays: 1 });
    expect(sandbox.stats().vendors.stripe.writes).toBe(3);
  });

  it('refuses an over-refund and a fully refunded charge in Stripe’s error shape', async () => {
    const pi = await intent(1001);
    const total = pi.amount_received;
    const over = await post({ payment_intent: pi.id, amount: String(total + 1) });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatchObject({
      type: 'invalid_request_error',
      code: 'amount_too_large',
      param: 'amount',
    });
    expect((await post({ payment_intent: pi.id })).status).toBe(200); // the rest, by default
    const done = await post({ payment_intent: pi.id, amount: '1' });
    expect(done.body.error).toMatchObject({ type: 'invalid_request_error', code: 'charge_already_refunded' });
    expect((await intent(1001)).latest_charge).toMatchObject({ amount_refunded: total, refunded: true });
    expect(sandbox.writes().writes).toHaveLength(1);
  });

  it('validates the request like Stripe', async () => {
    expect((await post({ amount: '100' })).body.error.message).toContain('payment_intent or charge');
    expect((await post({ payment_intent: 'pi_missing' })).body.error).toMatchObject({
      code: 'resource_missing',
      param: 'payment_intent',
    });
    const pi = await intent(1001);
    expect((await post({ payment_intent: pi.id, reason: 'because' })).body.error.param).toBe('reason');
    expect((await post({ payment_intent: pi.id, colour: 'red' })).body.error.message).toBe(
      'Received unknown parameter: colour',
    );
    expect(sandbox.writes().writes).toEqual([]);
  });

  describe('through the stripe connector', () => {
    it('refunds with the action id as Idempotency-Key and finds the refund on a retry', async () => {
      const result = await stripe.performAction!(refund('act-s2', '1001', '12.34'));
      const pi = await intent(1001);
      expect(result).toMatchObject({
        url: `https://dashboard.stripe.com/payments/${pi.id}`,
        summary: `Stripe refunded 12.34 USD on payment ${pi.id} (succeeded).`,
      });
      const again = await stripe.performAction!(refund('act-s2', '1001', '12.34'));
      expect(again.externalId).toBe(result.externalId);
      expect(again.summary).toContain('already has this refund');
      // The SDK sent the action id as Idempotency-Key: the same request under it is a replay.
      const replay = await post(
        {
          payment_intent: pi.id,
          amount: '1234',
          reason: 'requested_by_customer',
          'metadata[hub_action_id]': 'act-s2',
        },
        'act-s2',
      );
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(replay.body.id).toBe(result.externalId);
      expect(sandbox.writes()).toMatchObject({
        writes: [{ vendor: 'stripe', orderNumber: '1001', key: 'act-s2' }],
        replays: 1,
      });
      expect(stripe.manualAction!(refund('act-s2', '1001', '12.34')).url).toBe(
        `https://dashboard.stripe.com/payments/${pi.id}`,
      );
    });

    it('converts amounts with the currency’s exponent (JPY has none)', async () => {
      const pi = await intent(1003);
      expect(pi.currency).toBe('jpy');
      const result = await stripe.performAction!(refund('act-s3', '1003', '500', 'JPY'));
      expect(result.summary).toContain('500 JPY');
      expect((await get(`/v1/refunds/${result.externalId}`)).body.amount).toBe(500);
    });

    it('maps Stripe’s refusal of an over-refund to rejected, not retryable', async () => {
      const error = await failure(stripe.performAction!(refund('act-s4', '1001', '99999')));
      expect(error).toMatchObject({ code: 'rejected', retryable: false, httpStatus: 400 });
      expect(sandbox.writes().writes).toEqual([]);
    });

    it('refuses writes while Stripe is failing and records none', async () => {
      await control(sandbox, 'PUT', '/_sandbox/faults/stripe', { errorRate: 1 });
      const error = await failure(stripe.performAction!(refund('act-s5', '1001', '1')));
      expect(error).toMatchObject({ code: 'upstream_unavailable', retryable: true });
      expect(sandbox.writes().writes).toEqual([]);
    });
  });
});
