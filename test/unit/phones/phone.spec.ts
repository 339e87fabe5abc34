import { phoneKey, PhoneRegionSchema, samePhone, toE164 } from '../../../src/phones/phone';

/** Issue 12, part 4: one truth for phone numbers. */
describe('phone numbers (src/phones/phone.ts)', () => {
  it.each([
    // With the country: the trunk "(0)" some countries write goes, an Italian leading 0 stays.
    ['+44 (0)20 7946 0958', undefined, '+442079460958'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['0044 20 7946 0958', undefined, '+442079460958'],
    ['+39 06 1234 5678', undefined, '+390612345678'],
    ['+1 (415) 555-0123', undefined, '+14155550123'],
    ['+81 90-1234-5678', undefined, '+819012345678'],
    // Without it, read in the shop's region.
    ['020 7946 0958', 'GB', '+442079460958'],
    ['06 1234 5678', 'IT', '+390612345678'],
    ['(415) 555-0123', 'US', '+14155550123'],
    ['090-1234-5678', 'JP', '+819012345678'],
    // The region does not override a country the number states.
    ['+44 20 7946 0958', 'US', '+442079460958'],
  ] as const)('%p in %p is %p', (written, region, e164) => {
    expect(toE164(written, region)).toBe(e164);
    expect(phoneKey(written, region)).toBe(e164);
  });

  it('has no E.164 form for a number that cannot be valid, or that does not say its country', () => {
    expect(toE164('+1 555')).toBeUndefined(); // too short for the US
    expect(toE164('+0 123 4567')).toBeUndefined(); // no country code 0
    expect(toE164('+44 1234')).toBeUndefined();
    expect(toE164('12345', 'US')).toBeUndefined();
    expect(toE164('020 7946 0958')).toBeUndefined(); // no country, no region
    expect(toE164('call me')).toBeUndefined();
    expect(toE164(undefined)).toBeUndefined();
  });

  it('still matches one writing of a number that says its country but is not valid (a fictional one)', () => {
    expect(phoneKey('+1 555 0100')).toBe('+15550100');
    expect(samePhone('+1 555-0100', '+15550100')).toBe(true);
    expect(phoneKey('555 0100')).toBeUndefined(); // neither country nor validity: no key
  });

  it('says two writings are the same number only when both have the same key', () => {
    expect(samePhone('+44 (0)20 7946 0958', '+442079460958')).toBe(true);
    expect(samePhone('020 7946 0958', '+442079460958', 'GB')).toBe(true);
    expect(samePhone('020 7946 0958', '+442079460958')).toBe(false); // no region: unknown country
    expect(samePhone('06 1234 5678', '+39612345678', 'IT')).toBe(false); // the 0 is part of the number
    expect(samePhone(undefined, undefined)).toBe(false);
  });

  it('takes a region the library knows, in either case, and refuses others', () => {
    expect(PhoneRegionSchema.parse('gb')).toBe('GB');
    expect(PhoneRegionSchema.safeParse('XX').success).toBe(false);
    expect(PhoneRegionSchema.safeParse('GBR').success).toBe(false);
  });

  it('reads a writing the same way every time, in the region it was read in, however many it has read', () => {
    for (let round = 0; round < 2; round++) {
      expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
      expect(toE164('020 7946 0958', 'DE')).not.toBe('+442079460958');
      expect(toE164('020 7946 0958')).toBeUndefined();
      expect(toE164(4402079460958)).toBeUndefined();
      expect(toE164('+1 555 0100', 'US')).toBeUndefined();
    }
    // Past the bound of readings kept (10,000), answers stay the same.
    for (let n = 0; n < 10_050; n++) toE164(`+44 20 7946 ${String(n).padStart(4, '0')}`);
    expect(toE164('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(toE164('+44 20 7946 0001')).toBe('+442079460001');
  });
});
