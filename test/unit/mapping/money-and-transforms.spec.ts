import { currencyExponent, minorToDecimal, normalizeDecimal, sumDecimals } from '../../../src/money';
import { toIsoUtc, TRANSFORMS } from '../../../src/mapping/transforms';

describe('money (docs/canonical.md "Money")', () => {
  it('knows the ISO 4217 exponents', () => {
    expect([
      currencyExponent('USD'),
      currencyExponent('jpy'),
      currencyExponent('KWD'),
      currencyExponent('CLP'),
    ]).toEqual([2, 0, 3, 0]);
  });

  it.each([
    [1099, 'USD', '10.99'],
    [1500, 'JPY', '1500'],
    [1500, 'jpy', '1500'],
    [12345, 'KWD', '12.345'],
    [5, 'USD', '0.05'],
    [0, 'EUR', '0.00'],
    [-1099, 'usd', '-10.99'],
    [-5, 'USD', '-0.05'],
    [-500, 'KRW', '-500'],
    ['0001099', 'USD', '10.99'],
    [' 250 ', 'BHD', '0.250'],
    ['9007199254740993', 'USD', '90071992547409.93'], // beyond Number: strings stay exact
  ])('minorToDecimal(%p, %s) = %s', (minor, currency, expected) => {
    expect(minorToDecimal(minor, currency)).toBe(expected);
  });

  it.each([[10.5], [Number.MAX_SAFE_INTEGER + 2], ['10.5'], ['1e3'], ['']])(
    'minorToDecimal(%p) is undefined',
    (minor) => {
      expect(minorToDecimal(minor, 'USD')).toBeUndefined();
    },
  );

  it.each([
    ['10.0', 'USD', '10.00'],
    ['49.95', 'USD', '49.95'],
    ['1500.0', 'JPY', '1500'],
    ['4500', 'JPY', '4500'],
    ['12.3', 'KWD', '12.300'],
    ['12.3400', 'USD', '12.34'],
    ['0.1234', 'USD', '0.1234'], // exact beats tidy
    ['1500.5', 'JPY', '1500.5'],
    ['-0.5', 'USD', '-0.50'],
    ['007.5', 'USD', '7.50'],
    [' 3 ', 'EUR', '3.00'],
    [10, 'USD', '10.00'],
    [19.99, 'USD', '19.99'],
  ])('normalizeDecimal(%p, %s) = %s', (value, currency, expected) => {
    expect(normalizeDecimal(value, currency)).toBe(expected);
  });

  it.each([['abc'], ['1,000.00'], ['1e3'], [''], [Number.NaN], [Infinity]])(
    'normalizeDecimal(%p) is undefined',
    (value) => {
      expect(normalizeDecimal(value, 'USD')).toBeUndefined();
    },
  );

  it('sums decimals exactly, never through floats', () => {
    expect(0.1 + 0.2).not.toBe(0.3); // why this module exists
    expect(sumDecimals(['0.1', '0.2'], 'USD')).toBe('0.30');
    expect(sumDecimals(['10.50', '0.25'], 'USD')).toBe('10.75');
    expect(sumDecimals(['29.85', '20.1'], 'USD')).toBe('49.95');
    expect(sumDecimals(['1500', '2500.0'], 'JPY')).toBe('4000');
    expect(sumDecimals(['1.005', '2'], 'KWD')).toBe('3.005');
    expect(sumDecimals(['1.00', '-2.50'], 'USD')).toBe('-1.50');
    expect(sumDecimals(['-0.05'], 'USD')).toBe('-0.05');
    expect(sumDecimals(['0.10', '-0.10'], 'USD')).toBe('0.00');
    expect(sumDecimals(['0.001', '0.002'], 'USD')).toBe('0.003');
    expect(sumDecimals([], 'USD')).toBe('0.00');
    expect(sumDecimals(['1.00', 'x'], 'USD')).toBeUndefined();
  });

  it('sumMoney refuses to add different currencies', () => {
    const sum = TRANSFORMS.sumMoney;
    expect(
      sum(
        [
          { amount: '0.1', currencyCode: 'USD' },
          { amount: '0.2', currencyCode: 'USD' },
        ],
        {},
      ),
    ).toEqual({ amount: '0.30', currency: 'USD' });
    expect(
      sum(
        [
          { amount: '1', currencyCode: 'USD' },
          { amount: '1', currencyCode: 'EUR' },
        ],
        {},
      ),
    ).toBeUndefined();
    expect(sum([], {})).toBeUndefined();
  });
});

describe('toIsoUtc', () => {
  it.each([
    [1700000000, '2023-11-14T22:13:20Z'], // unix seconds (Stripe)
    [1700000000123, '2023-11-14T22:13:20.123Z'], // milliseconds
    ['2025-11-05', '2025-11-05T00:00:00Z'], // date only
    ['2025-11-05T10:00:00Z', '2025-11-05T10:00:00Z'],
    ['2025-11-05T10:00:00.000Z', '2025-11-05T10:00:00Z'],
    ['2025-11-05T10:00:00.250Z', '2025-11-05T10:00:00.250Z'],
    ['2025-11-05T10:00:00+09:00', '2025-11-05T01:00:00Z'],
    ['2025-11-05T01:30:00-05:00', '2025-11-05T06:30:00Z'],
    ['2025-11-05T23:30:00-02:00', '2025-11-06T01:30:00Z'], // crosses midnight
    [' 2025-11-05T10:00:00+0000 ', '2025-11-05T10:00:00Z'],
    ['Wed, 05 Nov 2025 10:00:00 GMT', '2025-11-05T10:00:00Z'],
  ])('toIsoUtc(%p) = %s', (input, expected) => {
    expect(toIsoUtc(input)).toBe(expected);
  });

  it.each([[''], ['  '], ['not a date'], [null], [undefined], [{}], [Number.NaN]])(
    'toIsoUtc(%p) is undefined',
    (input) => {
      expect(toIsoUtc(input)).toBeUndefined();
    },
  );

  it('reads date-times without an offset as UTC, not in the host time zone', () => {
    // Date.parse would read these in the host's zone (jest cannot switch TZ in-process: on a UTC
    // host this only pins the format; on any other host it also pins the zone).
    expect(toIsoUtc('2025-11-05T10:00:00')).toBe('2025-11-05T10:00:00Z');
    expect(toIsoUtc('2025-11-05 10:00')).toBe('2025-11-05T10:00:00Z');
    expect(toIsoUtc('2025-11-05T10:00:00.5')).toBe('2025-11-05T10:00:00.500Z');
  });
});

describe('the phone transform (src/phones/phone.ts reads the number)', () => {
  const phone = (v: unknown, args: Record<string, unknown> = {}) => TRANSFORMS.phone(v, args);

  it('gives E.164 for a valid number, in the region given when it has no country', () => {
    expect(phone('+1 (415) 555-0123')).toBe('+14155550123');
    expect(phone('+44 (0)20 7946 0958')).toBe('+442079460958');
    expect(phone('020 7946 0958', { region: 'GB' })).toBe('+442079460958');
    expect(phone('06 1234 5678', { region: 'IT' })).toBe('+390612345678');
  });

  it('keeps what it cannot make E.164, as the source wrote it, and has nothing without a digit', () => {
    expect(phone('03-1234-5678')).toBe('03-1234-5678'); // no country known
    expect(phone(' +1 555 ')).toBe('+1 555'); // too short to be a number
    expect(phone('')).toBeUndefined();
    expect(phone('ext.')).toBeUndefined();
  });
});
