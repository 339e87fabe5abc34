import {
  addDecimals,
  compareDecimals,
  currencyExponent,
  formatMoney,
  fromStripeAmount,
  isKnownCurrency,
  minorToDecimal,
  normalizeDecimal,
  stripeUnits,
  subtractDecimals,
  toStripeAmount,
  UnknownCurrencyError,
} from '../../../src/money';

/** Issue 12, part 5: one truth for money. */
describe('money (src/money)', () => {
  it.each([
    ['JPY', 0],
    ['KWD', 3],
    ['ISK', 0],
    ['IQD', 3],
    ['LYD', 3],
    ['CLF', 4],
    ['USD', 2],
    ['eur', 2],
  ])('%s has %i decimals in ISO 4217', (currency, decimals) => {
    expect(currencyExponent(currency)).toBe(decimals);
  });

  it('refuses a code ISO does not list, saying which', () => {
    expect(() => currencyExponent('XYZ')).toThrow(UnknownCurrencyError);
    expect(() => currencyExponent('XYZ')).toThrow('unknown currency "XYZ": not an ISO 4217 code');
    expect(() => minorToDecimal(100, 'DOGE')).toThrow(UnknownCurrencyError);
    expect(isKnownCurrency('XYZ')).toBe(false);
    expect(isKnownCurrency('isk')).toBe(true);
  });

  it('writes amounts at each currency’s scale', () => {
    expect(minorToDecimal(4500, 'ISK')).toBe('4500');
    expect(minorToDecimal(12345, 'IQD')).toBe('12.345');
    expect(minorToDecimal(10000, 'CLF')).toBe('1.0000');
    expect(normalizeDecimal('12.5', 'LYD')).toBe('12.500');
    expect(normalizeDecimal('4500.00', 'ISK')).toBe('4500');
  });

  it('compares, adds and subtracts exactly, whatever the scales', () => {
    expect(compareDecimals('100', '100.00')).toBe(0);
    expect(compareDecimals(addDecimals('0.1', '0.2')!, '0.3')).toBe(0); // not 0.30000000000000004
    expect(compareDecimals('100.0001', '100')).toBe(1);
    expect(compareDecimals('99.999999999', '100')).toBe(-1);
    expect(compareDecimals('-5', '0')).toBe(-1);
    expect(subtractDecimals('89.0', '12.345')).toBe('76.655');
    expect(subtractDecimals('1', '1.5')).toBe('-0.5');
    expect(compareDecimals('ten', '10')).toBeUndefined();
  });

  describe("Stripe's units, where Stripe differs from ISO", () => {
    it.each([
      ['USD', { exponent: 2, step: 1 }],
      ['JPY', { exponent: 0, step: 1 }],
      ['MGA', { exponent: 0, step: 1 }], // ISO: two decimals
      ['KWD', { exponent: 3, step: 10 }],
      ['ISK', { exponent: 2, step: 100 }], // ISO: no decimals
      ['IQD', { exponent: 2, step: 1 }], // ISO: three decimals; Stripe lists only five three-decimal ones
    ])('%s', (currency, units) => {
      expect(stripeUnits(currency)).toEqual(units);
    });

    it('reads Stripe amounts at the ISO scale', () => {
      expect(fromStripeAmount(1234, 'USD')).toBe('12.34');
      expect(fromStripeAmount(50000, 'ISK')).toBe('500'); // 500 krónur
      expect(fromStripeAmount(500, 'JPY')).toBe('500');
      expect(fromStripeAmount(5000, 'MGA')).toBe('5000.00');
      expect(fromStripeAmount(12340, 'KWD')).toBe('12.340');
    });

    it('writes amounts Stripe can take exactly, and says why not otherwise', () => {
      expect(toStripeAmount('12.34', 'usd')).toEqual({ minor: 1234 });
      expect(toStripeAmount('500', 'ISK')).toEqual({ minor: 50000 });
      expect(toStripeAmount('40.10', 'ISK')).toEqual({ refused: 'Stripe takes ISK amounts in steps of 1' });
      expect(toStripeAmount('12.345', 'KWD')).toEqual({
        refused: 'Stripe takes KWD amounts in steps of 0.010',
      });
      expect(toStripeAmount('1.5', 'JPY')).toEqual({ refused: 'more decimals than Stripe takes in it (0)' });
      expect(toStripeAmount('0', 'USD')).toEqual({ refused: 'must be greater than zero' });
      expect(() => toStripeAmount('1', 'XYZ')).toThrow(UnknownCurrencyError);
    });
  });

  describe('formatMoney', () => {
    it.each([
      [{ amount: '83.99', currency: 'USD' }, '$83.99'],
      [{ amount: '1200', currency: 'JPY' }, '¥1,200'],
      [{ amount: '1.25', currency: 'KWD' }, 'KWD 1.250'],
      [{ amount: '49.5', currency: 'EUR' }, '€49.50'],
      // ISO 4217's decimals, not the locale's cash rounding (CLDR shows IQD, MGA and ALL whole).
      [{ amount: '1.25', currency: 'IQD' }, 'IQD 1.250'],
      [{ amount: '99.99', currency: 'ALL' }, 'ALL 99.99'],
      // Exact beyond a double's 15–17 digits: the decimal string is never a float.
      [{ amount: '12345678901234567.89', currency: 'USD' }, '$12,345,678,901,234,567.89'],
    ])('%j reads %s', (money, text) => {
      expect(formatMoney(money)).toBe(text);
    });
  });
});
