import { firstDefined, unionSources } from '../../../../src/context/merge/sources.merge';

describe('unionSources', () => {
  const shopify = { connector: 'shopify', id: 'gid://shopify/Order/1' };
  const shipbob = { connector: 'shipbob', id: '9001' };
  const stripe = { connector: 'stripe', id: 'pi_1' };

  it('lists every source once, in the order first seen', () => {
    expect(unionSources([shopify, shipbob], [shipbob, stripe], [shopify])).toEqual([
      shopify,
      shipbob,
      stripe,
    ]);
  });

  it('compares by connector and id, keeping the first copy (with its deep link)', () => {
    const withUrl = { ...shopify, url: 'https://admin.shopify.example/orders/1' };
    expect(unionSources([withUrl], [{ ...shopify }])).toEqual([withUrl]);
  });

  it('keeps the same id from two connectors apart', () => {
    const eu = { connector: 'shopify-eu', id: shopify.id };
    expect(unionSources([shopify], [eu])).toEqual([shopify, eu]);
  });

  it('does not confuse ids that only concatenate alike', () => {
    const a = { connector: 'ab', id: 'c' };
    const b = { connector: 'a', id: 'bc' };
    expect(unionSources([a, b])).toEqual([a, b]);
  });

  it('skips missing lists and returns an empty list for nothing', () => {
    expect(unionSources(undefined, [stripe], undefined)).toEqual([stripe]);
    expect(unionSources()).toEqual([]);
  });

  it('does not modify its inputs', () => {
    const list = [shopify, shopify];
    unionSources(list);
    expect(list).toEqual([shopify, shopify]);
  });
});

describe('firstDefined', () => {
  it('returns the first value that is not undefined', () => {
    expect(firstDefined(undefined, 'wms', 'oms')).toBe('wms');
  });

  it('counts falsy values as defined', () => {
    expect(firstDefined<number>(undefined, 0, 1)).toBe(0);
    expect(firstDefined<string>('', 'x')).toBe('');
    expect(firstDefined<boolean>(undefined, false, true)).toBe(false);
  });

  it('is undefined when nothing is defined', () => {
    expect(firstDefined(undefined, undefined)).toBeUndefined();
    expect(firstDefined()).toBeUndefined();
  });
});
