import { join } from 'node:path';
import { type ActionsService } from '../../../src/actions/actions.service';
import { type DecidedBody } from '../../../src/actions/action-request.schema';
import { type Order } from '../../../src/canonical';
import { HubException } from '../../../src/common/problem';
import { type OrderContext } from '../../../src/context/context.schemas';
import { type OrderContextService } from '../../../src/context/order-context.service';
import { PlaybookEngine } from '../../../src/playbooks/playbook.engine';
import { loadPlaybooks, parsePlaybook } from '../../../src/playbooks/playbook.loader';
import { RemediesService } from '../../../src/playbooks/remedies.service';
import { RemedyGate } from '../../../src/playbooks/remedy-gate';
import { anOrder, aShipment } from '../../support/canonical.factory';
import { playbookInsights, usdLine } from '../../support/playbook-orders';

// The gate decides at the real "now", so the order's dates are set from it.
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();
const insights = playbookInsights;
const line = usdLine;
const ORDER = anOrder({
  number: '1001',
  totals: { total: { amount: '64.00', currency: 'USD' }, refunded: { amount: '0.00', currency: 'USD' } },
  lineItems: [line('MUG-CER-12', '18.00', 2), line('TEE-ORG-BLK-M', '28.00')],
  shipments: [aShipment({ status: 'delivered', shippedAt: daysAgo(6), deliveredAt: daysAgo(3) })],
});

/** A goodwill playbook offering 20 % at once and the whole order with approval, as one rule. */
const GOODWILL = parsePlaybook(
  `id: goodwill
title: Goodwill
situation: goodwill
rules:
  - id: any
    when: 'true'
    why: Always.
    remedies:
      - { remedy: refund, amount: { percent: 20, of: order }, channels: [agent] }
      - { remedy: refund, amount: { full: true }, channels: [agent], approval: true }
`,
  'goodwill.yaml',
);

/** `remedies` null: the hub could not read what it granted (the context has none). */
function gate(order: Order = ORDER, remedies: OrderContext['remedies'] | null = []) {
  const engine = new PlaybookEngine([...loadPlaybooks([join(__dirname, '../../../playbooks')]), GOODWILL]);
  const context: OrderContext = {
    order,
    customer: null,
    cases: [],
    insights: insights.forOrder(order, [], new Date()),
    ...(remedies ? { remedies } : {}),
    sources: [],
    generatedAt: new Date().toISOString(),
  };
  const orders = { orderContext: jest.fn().mockResolvedValue(context) };
  const registered = jest.fn();
  const remediesService = new RemediesService(orders as unknown as OrderContextService, engine);
  const made = new RemedyGate(remediesService, {
    checkDecisionsWith: registered,
  } as unknown as ActionsService);
  made.onModuleInit();
  expect(registered).toHaveBeenCalledTimes(1);
  return { check: (body: DecidedBody) => made.check(order.number, body), orders };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HubException);
  const e = error as HubException;
  return { status: e.status, code: e.code, detail: e.detail };
}

const damagedMug = { playbook: 'damaged-item', rule: 'fragile-goods', skus: ['MUG-CER-12'] };

describe('RemedyGate: an action is held to the playbook decision it names', () => {
  it('accepts what the decision offers, records it, and sends the reported items when none are named', async () => {
    const { check } = gate();
    expect(await check({ type: 'replacement', decision: damagedMug })).toEqual({
      decision: {
        playbook: 'damaged-item',
        rule: 'fragile-goods',
        situation: 'damaged_item',
        remedy: 'replacement',
      },
      items: [{ sku: 'MUG-CER-12' }],
    });
    expect(
      await check({ type: 'refund', amount: { amount: '36.00', currency: 'USD' }, decision: damagedMug }),
    ).toEqual({
      decision: {
        playbook: 'damaged-item',
        rule: 'fragile-goods',
        situation: 'damaged_item',
        remedy: 'refund',
      },
    });
  });

  it.each([
    [
      'an unknown playbook',
      { type: 'replacement', decision: { playbook: 'nope', rule: 'x' } },
      'decision_not_found',
      /No playbook "nope"/,
    ],
    [
      'a rule that no longer holds',
      { type: 'replacement', decision: { ...damagedMug, rule: 'everyday-goods' } },
      'decision_changed',
      /now decides order 1001 by rule fragile-goods/,
    ],
    [
      'a remedy the rule does not offer',
      { type: 'store_credit', amount: { amount: '1.00', currency: 'USD' }, decision: damagedMug },
      'remedy_not_offered',
      /offers no store_credit for this order; it offers replacement, refund/,
    ],
    [
      'more than the offer',
      { type: 'refund', amount: { amount: '36.01', currency: 'USD' }, decision: damagedMug },
      'remedy_amount_exceeds_offer',
      /36.01 USD is more than the 36.00 USD/,
    ],
    [
      'another currency',
      { type: 'refund', amount: { amount: '1.00', currency: 'EUR' }, decision: damagedMug },
      'remedy_amount_exceeds_offer',
      /offers 36.00 USD, not an amount in EUR/,
    ],
    [
      'items the decision is not about',
      { type: 'replacement', items: [{ sku: 'TEE-ORG-BLK-M' }], decision: damagedMug },
      'remedy_not_offered',
      /about MUG-CER-12; it offers no replacement of TEE-ORG-BLK-M/,
    ],
  ] as const)('refuses %s (422)', async (_what, body, code, detail) => {
    expect(await refusal(gate().check(body as DecidedBody))).toEqual({
      status: 422,
      code,
      detail: expect.stringMatching(detail),
    });
  });

  it('picks the offer the amount fits without approval, else the one with approval', async () => {
    const { check } = gate();
    const decision = { playbook: 'goodwill', rule: 'any' };
    const small = await check({ type: 'refund', amount: { amount: '12.80', currency: 'USD' }, decision });
    expect(small.approval).toBeUndefined();
    const full = await check({ type: 'refund', amount: { amount: '64.00', currency: 'USD' }, decision });
    expect(full.approval).toBe("playbook goodwill, rule any, offers refund with a second person's approval");
    expect(
      await refusal(check({ type: 'refund', amount: { amount: '64.01', currency: 'USD' }, decision })),
    ).toMatchObject({ code: 'remedy_amount_exceeds_offer' });
  });

  it('records a note’s decision without deciding again, and decides nothing when what was granted is unknown', async () => {
    const { check, orders } = gate();
    expect(
      await check({
        type: 'note',
        text: 'Replaced the mug',
        author: 'Dana',
        // A rule that no longer holds for the order (the remedy it records moved it on).
        decision: { ...damagedMug, rule: 'everyday-goods' },
      }),
    ).toEqual({ decision: { playbook: 'damaged-item', rule: 'everyday-goods', situation: 'damaged_item' } });
    expect(orders.orderContext).not.toHaveBeenCalled();
    // A rule the playbook does not have is not recorded.
    expect(
      await refusal(
        check({ type: 'note', text: 'x', author: 'Dana', decision: { ...damagedMug, rule: 'made-up' } }),
      ),
    ).toEqual({
      status: 422,
      code: 'decision_not_found',
      detail: expect.stringContaining('has no rule "made-up"'),
    });

    expect(await refusal(gate(ORDER, null).check({ type: 'replacement', decision: damagedMug }))).toEqual({
      status: 503,
      code: 'remedies_unknown',
      detail: expect.stringContaining('cannot be read now'),
    });
  });
});
