import { type CurrencyCode } from './world.types';

/** A delivery place: a city with a real-looking postcode; street lines are drawn per customer. */
export interface Place {
  city: string;
  region?: string;
  regionCode?: string;
  postalCode: string;
  countryCode: string;
  country: string;
  currency: CurrencyCode;
  /** Phone prefix and local digit count, to draw E.164 numbers. */
  phonePrefix: string;
  phoneDigits: number;
  taxRate: number;
}

const US = {
  countryCode: 'US',
  country: 'United States',
  currency: 'USD',
  phoneDigits: 7,
  taxRate: 0.08,
} as const;
const EU = { currency: 'EUR', taxRate: 0.2 } as const;

export const PLACES = {
  newYork: {
    ...US,
    city: 'New York',
    region: 'New York',
    regionCode: 'NY',
    postalCode: '10001',
    phonePrefix: '+1212555',
  },
  chicago: {
    ...US,
    city: 'Chicago',
    region: 'Illinois',
    regionCode: 'IL',
    postalCode: '60601',
    phonePrefix: '+1312555',
  },
  austin: {
    ...US,
    city: 'Austin',
    region: 'Texas',
    regionCode: 'TX',
    postalCode: '78701',
    phonePrefix: '+1512555',
  },
  miami: {
    ...US,
    city: 'Miami',
    region: 'Florida',
    regionCode: 'FL',
    postalCode: '33130',
    phonePrefix: '+1305555',
  },
  seattle: {
    ...US,
    city: 'Seattle',
    region: 'Washington',
    regionCode: 'WA',
    postalCode: '98101',
    phonePrefix: '+1206555',
  },
  sanFrancisco: {
    ...US,
    city: 'San Francisco',
    region: 'California',
    regionCode: 'CA',
    postalCode: '94103',
    phonePrefix: '+1415555',
  },
  denver: {
    ...US,
    city: 'Denver',
    region: 'Colorado',
    regionCode: 'CO',
    postalCode: '80202',
    phonePrefix: '+1303555',
  },
  toronto: {
    city: 'Toronto',
    region: 'Ontario',
    regionCode: 'ON',
    postalCode: 'M5V 2T6',
    countryCode: 'CA',
    country: 'Canada',
    currency: 'CAD',
    phonePrefix: '+1416555',
    phoneDigits: 4,
    taxRate: 0.13,
  },
  vancouver: {
    city: 'Vancouver',
    region: 'British Columbia',
    regionCode: 'BC',
    postalCode: 'V6B 1A1',
    countryCode: 'CA',
    country: 'Canada',
    currency: 'CAD',
    phonePrefix: '+1604555',
    phoneDigits: 4,
    taxRate: 0.12,
  },
  london: {
    city: 'London',
    postalCode: 'EC1A 1BB',
    countryCode: 'GB',
    country: 'United Kingdom',
    currency: 'GBP',
    phonePrefix: '+4420794',
    phoneDigits: 6,
    taxRate: 0.2,
  },
  manchester: {
    city: 'Manchester',
    postalCode: 'M1 1AE',
    countryCode: 'GB',
    country: 'United Kingdom',
    currency: 'GBP',
    phonePrefix: '+4416149',
    phoneDigits: 6,
    taxRate: 0.2,
  },
  berlin: {
    ...EU,
    city: 'Berlin',
    region: 'Berlin',
    regionCode: 'BE',
    postalCode: '10115',
    countryCode: 'DE',
    country: 'Germany',
    phonePrefix: '+4930',
    phoneDigits: 8,
    taxRate: 0.19,
  },
  munich: {
    ...EU,
    city: 'Munich',
    region: 'Bavaria',
    regionCode: 'BY',
    postalCode: '80331',
    countryCode: 'DE',
    country: 'Germany',
    phonePrefix: '+4989',
    phoneDigits: 8,
    taxRate: 0.19,
  },
  paris: {
    ...EU,
    city: 'Paris',
    postalCode: '75001',
    countryCode: 'FR',
    country: 'France',
    phonePrefix: '+331',
    phoneDigits: 8,
  },
  amsterdam: {
    ...EU,
    city: 'Amsterdam',
    postalCode: '1012 AB',
    countryCode: 'NL',
    country: 'Netherlands',
    phonePrefix: '+3120',
    phoneDigits: 7,
    taxRate: 0.21,
  },
  tokyo: {
    city: 'Chiyoda-ku',
    region: 'Tokyo',
    regionCode: 'JP-13',
    postalCode: '100-0005',
    countryCode: 'JP',
    country: 'Japan',
    currency: 'JPY',
    phonePrefix: '+813',
    phoneDigits: 8,
    taxRate: 0.1,
  },
  kuwaitCity: {
    city: 'Kuwait City',
    region: 'Al Asimah',
    postalCode: '13001',
    countryCode: 'KW',
    country: 'Kuwait',
    currency: 'KWD',
    phonePrefix: '+9652',
    phoneDigits: 7,
    taxRate: 0,
  },
} satisfies Record<string, Place>;

export type PlaceKey = keyof typeof PLACES;

/** Sales tax / VAT applied to orders shipped to an address in one of the places above. */
export function taxRateOf(countryCode: string, city: string): number {
  const place = Object.values(PLACES).find((p) => p.countryCode === countryCode && p.city === city);
  return place?.taxRate ?? 0;
}
