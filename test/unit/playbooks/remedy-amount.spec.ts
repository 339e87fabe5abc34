import { type Order } from '../../../src/canonical';
import { RemedyAmountSchema } from '../../../src/playbooks/playbook.schema';
import { remedyAmount } from '../../../src/playbooks/remedy-amount';
import { anOrder } from '../../support/canonical.factory';

const spec = (raw: unknown) => RemedyAmountSchema.parse(raw);
const order = (currency: string, total: string, refunded: string, lines: [string, string, number][]): Order =>
  anOrder({
    currency,
    totals: { total: { amount: total, currency }, refunded: { amount: refunded, currency } },
    lineItems: lines.map(([sku, price, quantity]) => ({
      id: sku,
      sku,
      title: sku,
      quantity,
      unitPrice: { amount: price, currency },
    })),
  });
const USD = order('USD', '100.00', '0.00', [
  ['A-1', '18.00', 2],
  ['B-1', '14.00', 1],
]);

describe('remedy amounts (exact, capped, per currency)', () => {
  it('takes a share of the items in question, of every line, or of the total, rounded down', () => {
    expect(remedyAmount(spec({ percent: 100 }), USD, ['a-1'])).toEqual({ amount: '36.00', currency: 'USD' });
    // No SKUs: every line (50.00), not shipping and tax with them.
    expect(remedyAmount(spec({ percent: 100 }), USD, undefined)).toEqual({
      amount: '50.00',
      currency: 'USD',
    });
    expect(remedyAmount(spec({ percent: 33.33, of: 'order' }), USD, undefined)).toEqual({
      amount: '33.33',
      currency: 'USD',
    });
    expect(remedyAmount(spec({ percent: 12.5 }), USD, ['B-1'])).toEqual({ amount: '1.75', currency: 'USD' });
    expect(() => spec({ percent: 33.333 })).toThrow();
  });

  it('never gives more than is left after refunds, nor than max, and nothing when nothing is left', () => {
    const partly = order('USD', '100.00', '80.00', [['A-1', '50.00', 1]]);
    expect(remedyAmount(spec({ full: true }), partly, undefined)).toEqual({
      amount: '20.00',
      currency: 'USD',
    });
    expect(remedyAmount(spec({ percent: 100 }), partly, undefined)).toEqual({
      amount: '20.00',
      currency: 'USD',
    });
    expect(remedyAmount(spec({ full: true, max: { USD: '15.00' } }), partly, undefined)).toEqual({
      amount: '15.00',
      currency: 'USD',
    });
    const all = order('USD', '100.00', '100.00', []);
    expect(remedyAmount(spec({ full: true }), all, undefined)).toBe('nothing_left');
  });

  it('names sums per currency: JPY gets yen at its own scale, a currency not named gets nothing', () => {
    const jpy = order('JPY', '12000', '0', [['A-1', '4000', 1]]);
    expect(remedyAmount(spec({ upTo: { USD: '10.00', JPY: '1500' } }), jpy, undefined)).toEqual({
      amount: '1500',
      currency: 'JPY',
    });
    expect(remedyAmount(spec({ upTo: { USD: '10.00' } }), jpy, undefined)).toBe('currency_not_named');
    expect(remedyAmount(spec({ upTo: { JPY: '10.5' } }), jpy, undefined)).toBe('unknown');
    const kwd = order('KWD', '30.000', '0.000', [['A-1', '12.345', 2]]);
    expect(remedyAmount(spec({ percent: 50 }), kwd, ['A-1'])).toEqual({ amount: '12.345', currency: 'KWD' });
  });

  it("says 'unknown' for prices or currencies it cannot trust, and the schema refuses muddled amounts", () => {
    expect(remedyAmount(spec({ full: true }), anOrder({ currency: 'USD', totals: {} }), undefined)).toBe(
      'unknown',
    );
    const mixed = anOrder({
      currency: 'USD',
      totals: { total: { amount: '10.00', currency: 'USD' }, refunded: { amount: '1.00', currency: 'EUR' } },
    });
    expect(remedyAmount(spec({ full: true }), mixed, undefined)).toBe('unknown');
    const noPrice = anOrder({ lineItems: [{ id: '1', sku: 'A', title: 'A', quantity: 1 }] });
    expect(remedyAmount(spec({ percent: 10 }), noPrice, ['A'])).toBe('unknown');
    expect(() => spec({ full: true, percent: 10 })).toThrow(/exactly one of full, percent, upTo/);
    expect(() => spec({ upTo: { usd: '1.00' } })).toThrow(/ISO 4217/);
    expect(() => spec({ of: 'order', full: true })).toThrow(/of goes with percent/);
  });
});
