import { actionBackoff } from '../../../src/actions/action-queues';
import { actionTarget } from '../../../src/actions/action-target';
import { ActionBodySchema } from '../../../src/actions/action-request.schema';
import { approvalReason } from '../../../src/actions/refund-approval';
import { requestHash, stableJson } from '../../../src/actions/request-hash';
import { presentedKey } from '../../../src/admin/admin-auth.hook';
import { type Connector } from '../../../src/connectors/contract';
import { HubException } from '../../../src/common/problem';

const connector = (id: string, system: Connector['system'], actions: Connector['actions']): Connector =>
  ({
    id,
    type: id,
    system,
    capabilities: [],
    mappingContext: {},
    actions,
    performAction: async () => ({ summary: 'ok' }),
    manualLookup: () => ({ instructions: '' }),
    healthCheck: async () => undefined,
  }) as Connector;

describe('refund approval', () => {
  const key = { name: 'helpdesk', refundLimit: { USD: '100.00', JPY: '10000' } };

  it('lets refunds up to the limit run, whatever the number of decimals', () => {
    expect(approvalReason(key, { amount: '100', currency: 'USD' })).toBeUndefined();
    expect(approvalReason(key, { amount: '99.999', currency: 'USD' })).toBeUndefined();
    expect(approvalReason(key, { amount: '10000', currency: 'JPY' })).toBeUndefined();
  });

  it('holds refunds above the limit, and in currencies the limit does not name', () => {
    expect(approvalReason(key, { amount: '100.01', currency: 'USD' })).toMatch(/above the 100\.00 USD/);
    expect(approvalReason(key, { amount: '1.00', currency: 'EUR' })).toMatch(/no refund limit in EUR/);
    // Exact at any length: a fifth decimal above the limit is above it (1/10,000ths would cut it).
    expect(approvalReason(key, { amount: '100.00001', currency: 'USD' })).toMatch(/above the 100\.00 USD/);
  });

  it('sets no limit for a key without refundLimit', () => {
    expect(approvalReason({ name: 'admin' }, { amount: '999999.00', currency: 'USD' })).toBeUndefined();
  });
});

describe('request hash', () => {
  it('is the same for the same request written in another key order', () => {
    expect(stableJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    expect(requestHash('1001', { type: 'note', text: 'a' })).toBe(
      requestHash('1001', { text: 'a', type: 'note' }),
    );
  });

  it('differs for another order or another body', () => {
    const base = requestHash('1001', { type: 'note', text: 'a' });
    expect(requestHash('1002', { type: 'note', text: 'a' })).not.toBe(base);
    expect(requestHash('1001', { type: 'note', text: 'b' })).not.toBe(base);
  });
});

describe('action target', () => {
  const shopify = connector('shopify', 'oms', { cancel: 'natural', refund: 'keyed', note: 'natural' });
  const stripe = connector('stripe', 'payments', { refund: 'keyed' });
  const hubspot = connector('hubspot', 'crm', { note: 'unsafe' });
  const tracker = connector('aftership', 'shipping', undefined);
  const all = [tracker, hubspot, stripe, shopify];
  const body = (b: object) => ActionBodySchema.parse(b);

  it('prefers the OMS, then payments or the CRM', () => {
    expect(actionTarget(body({ type: 'refund', amount: { amount: '1', currency: 'USD' } }), all).id).toBe(
      'shopify',
    );
    expect(
      actionTarget(body({ type: 'refund', amount: { amount: '1', currency: 'USD' } }), [stripe, hubspot]).id,
    ).toBe('stripe');
    expect(actionTarget(body({ type: 'note', text: 'x', customerEmail: 'a@b.co' }), [hubspot]).id).toBe(
      'hubspot',
    );
  });

  it('uses the connector named, and says clearly when it cannot', () => {
    expect(
      actionTarget(
        body({ type: 'refund', amount: { amount: '1', currency: 'USD' }, connector: 'stripe' }),
        all,
      ).id,
    ).toBe('stripe');
    const fail = (b: object, list = all) => {
      try {
        actionTarget(body(b), list);
      } catch (e) {
        return e as HubException;
      }
      throw new Error('expected a refusal');
    };
    expect(fail({ type: 'cancel', connector: 'stripe' })).toMatchObject({
      status: 422,
      code: 'action_not_supported',
    });
    expect(fail({ type: 'cancel', connector: 'nope' })).toMatchObject({ status: 400 });
    expect(fail({ type: 'cancel' }, [stripe])).toMatchObject({ status: 422 });
    expect(fail({ type: 'note', text: 'x', connector: 'hubspot' }).errors).toEqual([
      expect.objectContaining({ path: 'customerEmail' }),
    ]);
  });
});

describe('action backoff', () => {
  const backoff = (random: number) => actionBackoff({ backoffMs: 1_000, maxBackoffMs: 10_000 }, () => random);

  it('doubles per attempt with jitter in the upper half, capped', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoff(0)(n))).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect([1, 2, 3, 4, 5, 6].map((n) => backoff(1)(n))).toEqual([
      1_000, 2_000, 4_000, 8_000, 10_000, 10_000,
    ]);
  });

  it('waits at least what the vendor asked for, but never past the cap', () => {
    expect(backoff(0)(1, Object.assign(new Error('x'), { retryAfterMs: 3_000 }))).toBe(3_000);
    expect(backoff(0)(1, Object.assign(new Error('x'), { retryAfterMs: 60_000 }))).toBe(10_000);
  });
});

describe('admin credentials', () => {
  it('reads a Bearer key or the password of Basic auth', () => {
    expect(presentedKey('Bearer abc-123')).toBe('abc-123');
    expect(presentedKey(`Basic ${Buffer.from('anyone:the-key').toString('base64')}`)).toBe('the-key');
    expect(presentedKey(`Basic ${Buffer.from('no-colon').toString('base64')}`)).toBeUndefined();
    expect(presentedKey('Token abc')).toBeUndefined();
    expect(presentedKey(undefined)).toBeUndefined();
  });
});
