import { CustomerQuerySchema } from '../../../src/context/customer-query.schema';

const issuesOf = (input: unknown) => {
  const result = CustomerQuerySchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe('CustomerQuerySchema', () => {
  describe('email', () => {
    it('is trimmed and lower-cased', () => {
      expect(CustomerQuerySchema.parse({ email: '  Ada.Lovelace@Example.COM ' })).toEqual({
        email: 'ada.lovelace@example.com',
        limit: 10,
      });
    });

    it.each(['ada', 'ada@', '@example.com', 'ada@example', 'ada lovelace@example.com'])(
      'rejects %p naming the field',
      (email) => {
        expect(issuesOf({ email })).toContainEqual({ path: ['email'], message: 'must be an email address' });
      },
    );
  });

  describe('phone', () => {
    it.each([
      ['+442079460958', 'as it is'],
      ['+44 20 7946 0958', 'written with spaces'],
      ['+44 (20) 7946-0958', 'written with brackets and a dash'],
      ['0044 20 7946 0958', 'with the 00 international prefix'],
      ['00442079460958', 'with the 00 prefix and no spaces'],
      [' 442079460958', 'whose "+" a query string decoded as a space'],
      [' 44 20 7946 0958', 'with spaces, whose "+" a query string decoded as a space'],
      ['  +442079460958  ', 'with spaces around'],
    ])('reads %p (%s) as +442079460958', (phone) => {
      expect(CustomerQuerySchema.parse({ phone })).toEqual({ phone: '+442079460958', limit: 10 });
    });

    it.each([
      ['020 7946 0958', 'a national number'],
      ['02079460958', 'a national number without spaces'],
      ['442079460958', 'digits without a "+" or a space before them'],
      ['+0442079460958', 'a country code starting with 0'],
      ['+44123', 'too short'],
      ['+4420794609581234', 'too long'],
      ['+44 20 7946 0958 ext 12', 'with an extension'],
      ['+44 20 CALL NOW', 'with letters'],
      ['++442079460958', 'with two plus signs'],
      ['', 'empty'],
    ])('rejects %p (%s) naming the field', (phone) => {
      expect(issuesOf({ phone })).toContainEqual({
        path: ['phone'],
        message: 'must be an international number, e.g. +442079460958',
      });
    });
  });

  describe('email or phone', () => {
    it('needs one of them', () => {
      expect(issuesOf({})).toEqual([{ path: ['email'], message: 'give either email or phone' }]);
      expect(issuesOf({ limit: '5' })).toEqual([{ path: ['email'], message: 'give either email or phone' }]);
    });

    it('takes only one of them', () => {
      expect(issuesOf({ email: 'ada@example.com', phone: '+442079460958' })).toEqual([
        { path: ['email'], message: 'give either email or phone' },
      ]);
    });
  });

  describe('limit', () => {
    it('defaults to 10', () => {
      expect(CustomerQuerySchema.parse({ email: 'ada@example.com' }).limit).toBe(10);
    });

    it.each([
      ['1', 1],
      ['25', 25],
      ['50', 50],
      [' 7 ', 7],
      [3, 3],
    ])('reads %p as %p', (limit, expected) => {
      expect(CustomerQuerySchema.parse({ email: 'ada@example.com', limit })).toEqual({
        email: 'ada@example.com',
        limit: expected,
      });
    });

    it.each(['0', '51', '-1', '2.5', 'ten', ''])('rejects %p naming the field', (limit) => {
      const issues = issuesOf({ email: 'ada@example.com', limit });
      expect(issues.map((i) => i.path)).toEqual([['limit']]);
    });
  });
});
