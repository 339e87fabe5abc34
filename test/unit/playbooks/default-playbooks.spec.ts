import { join } from 'node:path';
import { type Customer, type Order } from '../../../src/canonical';
import { type GrantedRemedy, stillGranted } from '../../../src/actions/granted-remedies';
import { type Decision, forChannel, PlaybookEngine } from '../../../src/playbooks/playbook.engine';
import { factsOf, type Reported } from '../../../src/playbooks/playbook.facts';
import { loadPlaybooks } from '../../../src/playbooks/playbook.loader';
import { aCustomer, anOrder, aShipment } from '../../support/canonical.factory';
import { playbookInsights, usdLine } from '../../support/playbook-orders';

const NOW = new Date('2026-12-03T12:00:00Z');
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
const engine = new PlaybookEngine(loadPlaybooks([join(__dirname, '../../../playbooks')]));
const insights = playbookInsights;

const line = usdLine;
const ORDER = anOrder({
  number: '1037',
  totals: { total: { amount: '149.00', currency: 'USD' }, refunded: { amount: '0.00', currency: 'USD' } },
  lineItems: [
    line('MUG-CER-12', '18.00', 2),
    line('TEE-ORG-BLK-M', '28.00'),
    line('JKT-RAIN-BLK-L', '129.00'),
  ],
});
const delivered = (daysBack: number) =>
  aShipment({ status: 'delivered', shippedAt: daysAgo(daysBack + 3), deliveredAt: daysAgo(daysBack) });
const late = (daysPast: number, status: 'in_transit' | 'exception' = 'in_transit') =>
  aShipment({ status, shippedAt: daysAgo(daysPast + 5), estimatedDeliveryAt: daysAgo(daysPast) });

async function decide(
  order: Order,
  reported: Reported = {},
  customer: Customer | null = aCustomer(),
  granted: GrantedRemedy[] | null = [],
) {
  const context = { order, customer, cases: [], insights: insights.forOrder(order, [], NOW), granted };
  return engine.decide(factsOf(context, reported, NOW), order, reported.skus);
}
const only = (result: { decisions: Decision[] }) => {
  expect(result.decisions).toHaveLength(1);
  return result.decisions[0];
};
const kinds = (d: Decision) => d.remedies.map((r) => r.remedy);

describe('the default playbooks (playbooks/*.yaml) on orders they were written for', () => {
  it('where is my order: an overdue parcel is traced, a lost one reshipped or refunded with approval', async () => {
    const overdue = only(await decide({ ...ORDER, shipments: [late(3)] }));
    expect(overdue).toMatchObject({ playbook: 'where-is-my-order', by: 'detected', rule: 'overdue' });
    expect(overdue.remedies).toEqual([
      { remedy: 'escalate', team: 'carrier-claims', channels: ['agent', 'bot'], approval: false },
    ]);

    const lost = only(await decide({ ...ORDER, shipments: [late(9)] }));
    expect(lost.rule).toBe('lost-in-transit');
    expect(lost.remedies[1]).toEqual({
      remedy: 'refund',
      amount: { amount: '149.00', currency: 'USD' },
      channels: ['agent'],
      approval: true,
      action: 'refund',
    });
    expect(only(await decide({ ...ORDER, shipments: [late(4, 'exception')] })).rule).toBe('lost-in-transit');
    // Asked about, nothing late: no remedy, and it says why.
    const fine = only(await decide({ ...ORDER, shipments: [late(-2)] }, { situation: 'where_is_my_order' }));
    expect(fine).toMatchObject({ rule: 'on-its-way', by: 'reported', remedies: [] });
    // Not asked about and nothing late: no playbook applies.
    expect((await decide({ ...ORDER, shipments: [late(-2)] })).decisions).toEqual([]);
  });

  it('where is my order: a VIP waiting on a late parcel gets a small credit the bot may offer too', async () => {
    const vip = only(await decide({ ...ORDER, shipments: [late(2)] }, {}, aCustomer({ tags: ['VIP'] })));
    expect(vip.rule).toBe('overdue-vip');
    // The bot path looks up no customer: the shop's tags on the order itself decide the same.
    const onOrder = { ...ORDER, shipments: [late(2)], customer: { email: 'a@example.com', tags: ['Vip'] } };
    expect(only(await decide(onOrder, {}, null)).rule).toBe('overdue-vip');
    expect(vip.remedies[0]).toEqual({
      remedy: 'store_credit',
      action: 'store_credit',
      amount: { amount: '10.00', currency: 'USD' },
      channels: ['agent', 'bot'],
      approval: false,
    });
  });

  it('damaged item: a broken mug is replaced or refunded without a return; a jacket goes back first', async () => {
    const order = { ...ORDER, shipments: [delivered(2)] };
    const mug = only(await decide(order, { situation: 'damaged_item', skus: ['mug-cer-12'] }));
    expect(mug).toMatchObject({ playbook: 'damaged-item', rule: 'fragile-goods' });
    expect(kinds(mug)).toEqual(['replacement', 'refund']);
    expect(mug.remedies[1].amount).toEqual({ amount: '36.00', currency: 'USD' }); // 2 × 18.00

    const jacket = only(await decide(order, { situation: 'damaged_item', skus: ['JKT-RAIN-BLK-L'] }));
    expect(jacket.rule).toBe('high-value');
    expect(kinds(jacket)).toEqual(['return', 'replacement', 'refund']);
    expect(jacket.remedies[2]).toMatchObject({ amount: { amount: '129.00' }, approval: true });

    const tee = only(await decide(order, { situation: 'damaged_item', skus: ['TEE-ORG-BLK-M'] }));
    expect(tee.rule).toBe('everyday-goods');
    // A mug with a tee is not all fragile: the tee's rule decides for both.
    const both = only(
      await decide(order, { situation: 'damaged_item', skus: ['MUG-CER-12', 'TEE-ORG-BLK-M'] }),
    );
    expect(both.rule).toBe('everyday-goods');
    expect(both.remedies.find((r) => r.remedy === 'refund')!.amount).toEqual({
      amount: '64.00',
      currency: 'USD',
    });
  });

  it('damaged item: an order already refunded gets no second remedy, only a lead', async () => {
    const refunded = {
      ...ORDER,
      shipments: [delivered(2)],
      totals: { ...ORDER.totals, refunded: { amount: '20.00', currency: 'USD' } },
    };
    const d = only(await decide(refunded, { situation: 'damaged_item', skus: ['MUG-CER-12'] }));
    expect(d).toMatchObject({
      rule: 'already-compensated',
      remedies: [{ remedy: 'escalate', team: 'support-leads' }],
    });
  });

  it('a remedy the hub already granted on the order (carried out or on its way) stops a second one', async () => {
    const granted = (remedy: GrantedRemedy['remedy'], status: GrantedRemedy['status']): GrantedRemedy => ({
      actionId: `act-${remedy}`,
      orderNumber: ORDER.number,
      remedy,
      status,
      requestedBy: 'helpdesk',
      requestedAt: NOW.toISOString(),
    });
    const lost = { ...ORDER, shipments: [late(9)] };
    const reshipped = only(
      await decide(lost, {}, aCustomer(), stillGranted([granted('replacement', 'queued')])),
    );
    expect(reshipped).toMatchObject({
      playbook: 'where-is-my-order',
      rule: 'already-compensated',
      remedies: [{ remedy: 'escalate', team: 'support-leads' }],
    });
    const credited = { ...ORDER, shipments: [delivered(2)] };
    const damaged = { situation: 'damaged_item', skus: ['MUG-CER-12'] };
    expect(
      only(await decide(credited, damaged, aCustomer(), stillGranted([granted('store_credit', 'succeeded')])))
        .rule,
    ).toBe('already-compensated');
    // A remedy that failed or was called off granted nothing: the order decides as before.
    const none = stillGranted([granted('refund', 'failed'), granted('store_credit', 'cancelled')]);
    expect(only(await decide(lost, {}, aCustomer(), none)).rule).toBe('lost-in-transit');
    expect(only(await decide(credited, damaged, aCustomer(), none)).rule).toBe('fragile-goods');
    // When the hub cannot read what it granted, a lead decides any remedy; a parcel on time stays as it is.
    expect(only(await decide(lost, {}, aCustomer(), null)).rule).toBe('already-compensated');
    expect(only(await decide(credited, damaged, aCustomer(), null)).rule).toBe('already-compensated');
    const onTime = { ...ORDER, shipments: [late(-2)] };
    expect(only(await decide(onTime, { situation: 'where_is_my_order' }, aCustomer(), null)).rule).toBe(
      'on-its-way',
    );
  });

  it('returns: inside the window, outside it, and the VIP exception', async () => {
    const inside = only(
      await decide(
        { ...ORDER, shipments: [delivered(10)] },
        { situation: 'return', skus: ['TEE-ORG-BLK-M'] },
      ),
    );
    expect(inside).toMatchObject({ playbook: 'returns', rule: 'inside-window' });
    expect(inside.remedies[1].amount).toEqual({ amount: '28.00', currency: 'USD' });

    const outside = only(await decide({ ...ORDER, shipments: [delivered(45)] }, { situation: 'return' }));
    expect(outside).toMatchObject({ rule: 'outside-window', remedies: [] });

    const vip = only(
      await decide(
        { ...ORDER, shipments: [delivered(45)] },
        { situation: 'return' },
        aCustomer({ tags: ['vip'] }),
      ),
    );
    expect(vip.rule).toBe('vip-late-return');
    expect(kinds(vip)).toEqual(['return', 'store_credit']);
    expect(only(await decide({ ...ORDER, shipments: [late(-1)] }, { situation: 'return' })).rule).toBe(
      'not-delivered',
    );
  });

  it('damaged item: nothing before delivery, a lead after 60 days, and no fragile rule for lines without a SKU', async () => {
    expect(only(await decide({ ...ORDER, shipments: [late(-1)] }, { situation: 'damaged_item' })).rule).toBe(
      'not-delivered',
    );
    expect(
      only(await decide({ ...ORDER, shipments: [delivered(70)] }, { situation: 'damaged_item' })).rule,
    ).toBe('reported-late');
    const unnamed = {
      ...ORDER,
      shipments: [delivered(2)],
      lineItems: [
        { id: 'x', title: 'Gift wrap', quantity: 1, unitPrice: { amount: '5.00', currency: 'USD' } },
      ],
    };
    expect(only(await decide(unnamed, { situation: 'damaged_item' })).rule).toBe('everyday-goods');
    const pricey = { ...ORDER, shipments: [delivered(2)], lineItems: [line('mug-gold-1', '850.00')] };
    expect(only(await decide(pricey, { situation: 'damaged_item', skus: ['MUG-GOLD-1'] })).rule).toBe(
      'high-value',
    );
  });

  it('returns: nothing more for an order with a return open, refunded or cancelled', async () => {
    const open = {
      ...ORDER,
      shipments: [delivered(10)],
      returns: [{ id: 'r1', status: 'open' as const, sources: [] }],
    };
    const vip = aCustomer({ tags: ['vip'] });
    expect(only(await decide(open, { situation: 'return' }, vip))).toMatchObject({
      rule: 'already-handled',
      remedies: [],
    });
  });

  it('offers no sum in a currency the playbook does not name, and never fails on a currency ISO does not list', async () => {
    const yen = {
      ...ORDER,
      currency: 'JPY',
      totals: { total: { amount: '12000', currency: 'JPY' } },
      lineItems: [line('TEE-1', '4000')].map((l) => ({
        ...l,
        unitPrice: { amount: '4000', currency: 'JPY' },
      })),
      shipments: [late(2)],
    };
    const credit = only(await decide(yen, {}, aCustomer({ tags: ['vip'] }))).remedies[0];
    expect(credit).toMatchObject({ remedy: 'store_credit', amount: { amount: '1500', currency: 'JPY' } });
    const odd = {
      ...yen,
      currency: 'XQQ',
      totals: { total: { amount: '1', currency: 'XQQ' } },
      shipments: [late(9)],
    };
    const lost = only(await decide(odd));
    // The refund's amount cannot be worked out: it stays with agents, without an amount.
    expect(lost.remedies.find((r) => r.remedy === 'refund')).toEqual({
      remedy: 'refund',
      channels: ['agent'],
      approval: true,
      action: 'refund',
    });
  });

  it('gives a bot only what its channel lists, from the same decision', async () => {
    const order = { ...ORDER, shipments: [delivered(2)] };
    const decision = only(await decide(order, { situation: 'damaged_item', skus: ['TEE-ORG-BLK-M'] }));
    const [bot] = forChannel([decision], 'bot');
    expect(kinds(bot)).toEqual(['return', 'replacement']);
    expect({ ...bot, remedies: [] }).toEqual({ ...decision, remedies: [] });
    expect(forChannel([decision], 'agent')[0].remedies).toEqual(decision.remedies);
  });
});
