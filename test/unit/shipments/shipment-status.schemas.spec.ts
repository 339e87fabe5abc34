import { ShipmentStatusQuerySchema } from '../../../src/shipments/shipment-status.schemas';

const issuesOf = (input: unknown) => {
  const result = ShipmentStatusQuerySchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.error!.issues.map((i) => ({ path: i.path, message: i.message }));
};

describe('ShipmentStatusQuerySchema', () => {
  it.each([
    ['1001', '1001'],
    ['#1001', '1001'],
    [' #1001 ', '1001'],
    ['EU-1001', 'EU-1001'],
  ])('reads the order number %p as %p', (orderNumber, expected) => {
    expect(ShipmentStatusQuerySchema.parse({ orderNumber, email: 'ada@example.com' })).toEqual({
      orderNumber: expected,
      email: 'ada@example.com',
    });
  });

  it.each(['', '#', '##1001', '10 01', '../1001', 'a'.repeat(65)])(
    'rejects the order number %p',
    (orderNumber) => {
      expect(issuesOf({ orderNumber, email: 'ada@example.com' }).map((i) => i.path)).toEqual([
        ['orderNumber'],
      ]);
    },
  );

  it('normalizes the email', () => {
    expect(ShipmentStatusQuerySchema.parse({ orderNumber: '#1001', email: ' Ada@Example.COM ' })).toEqual({
      orderNumber: '1001',
      email: 'ada@example.com',
    });
  });

  it('accepts a postal code as the second factor, trimmed', () => {
    expect(ShipmentStatusQuerySchema.parse({ orderNumber: '1001', postalCode: ' NW1 6XE ' })).toEqual({
      orderNumber: '1001',
      postalCode: 'NW1 6XE',
    });
  });

  it('accepts both second factors', () => {
    expect(
      ShipmentStatusQuerySchema.parse({ orderNumber: '1001', email: 'ada@example.com', postalCode: '10001' }),
    ).toEqual({ orderNumber: '1001', email: 'ada@example.com', postalCode: '10001' });
  });

  it('requires a second factor', () => {
    expect(issuesOf({ orderNumber: '1001' })).toEqual([
      { path: ['email'], message: 'give email or postalCode as the second factor' },
    ]);
  });

  it('rejects a malformed email naming the field', () => {
    expect(issuesOf({ orderNumber: '1001', email: 'ada@' })).toContainEqual({
      path: ['email'],
      message: 'must be an email address',
    });
  });

  it.each(['A', ' 1 ', 'X'.repeat(17)])('rejects the postal code %p naming the field', (postalCode) => {
    expect(issuesOf({ orderNumber: '1001', postalCode }).map((i) => i.path)).toContainEqual(['postalCode']);
  });

  it('requires the order number', () => {
    expect(issuesOf({ email: 'ada@example.com' }).map((i) => i.path)).toContainEqual(['orderNumber']);
  });
});
