import { OrderNumberParamsSchema } from '../../../src/context/context.schemas';

describe('order number parameter', () => {
  it.each([
    ['1001', '1001'],
    ['#1001', '1001'],
    [' 1001 ', '1001'],
    ['EU-1001', 'EU-1001'],
    ['a'.repeat(64), 'a'.repeat(64)],
    ['#' + 'b'.repeat(64), 'b'.repeat(64)],
  ])('accepts %p as %p', (input, expected) => {
    expect(OrderNumberParamsSchema.parse({ orderNumber: input }).orderNumber).toBe(expected);
  });

  it.each(['', '#', '10 01', 'name:"1001"', '1001"', 'a'.repeat(65), '#' + 'a'.repeat(70), '../1001'])(
    'rejects %p',
    (input) => {
      const result = OrderNumberParamsSchema.safeParse({ orderNumber: input });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].path).toEqual(['orderNumber']);
    },
  );
});
