import { type PlaceKey } from './places.data';

export interface FixedCustomer {
  key: string;
  firstName: string;
  lastName: string;
  place: PlaceKey;
  street: string;
  phone: string;
  tags?: string[];
  note?: string;
  crmEmail?: string;
}

/**
 * The people the named scenario orders belong to: fixed so docs and tests can name them.
 * Phone numbers sit in ranges reserved for fiction (555-01xx, Ofcom drama numbers) where one exists.
 */
export const FIXED_CUSTOMERS: readonly FixedCustomer[] = [
  {
    key: 'alice',
    firstName: 'Alice',
    lastName: 'Martin',
    place: 'newYork',
    street: '224 W 35th St',
    phone: '+12125550143',
    tags: ['vip'],
  },
  {
    key: 'ben',
    firstName: 'Benjamin',
    lastName: 'Carter',
    place: 'chicago',
    street: '180 N Michigan Ave',
    phone: '+13125550178',
  },
  {
    key: 'yuki',
    firstName: 'Yuki',
    lastName: 'Tanaka',
    place: 'tokyo',
    street: '1-1 Marunouchi',
    phone: '+81312345678',
  },
  {
    key: 'lena',
    firstName: 'Lena',
    lastName: 'Schmidt',
    place: 'berlin',
    street: 'Invalidenstraße 43',
    phone: '+493012345678',
  },
  {
    key: 'marcus',
    firstName: 'Marcus',
    lastName: 'Johnson',
    place: 'austin',
    street: '501 Congress Ave',
    phone: '+15125550112',
  },
  {
    key: 'victor',
    firstName: 'Victor',
    lastName: 'Hale',
    place: 'miami',
    street: '1101 Brickell Ave',
    phone: '+13055550187',
  },
  {
    key: 'olivia',
    firstName: 'Olivia',
    lastName: 'Brown',
    place: 'london',
    street: '10 Aldersgate St',
    phone: '+442079460123',
  },
  {
    key: 'fatima',
    firstName: 'Fatima',
    lastName: 'Al-Sabah',
    place: 'kuwaitCity',
    street: 'Block 3, Street 12',
    phone: '+96522123456',
  },
  {
    key: 'chloe',
    firstName: 'Chloé',
    lastName: 'Tremblay',
    place: 'toronto',
    street: '300 Front St W',
    phone: '+14165550199',
  },
  {
    key: 'sophie',
    firstName: 'Sophie',
    lastName: 'Dubois',
    place: 'paris',
    street: '12 Rue de Rivoli',
    phone: '+33142685300',
  },
  {
    key: 'daniel',
    firstName: 'Daniel',
    lastName: 'Kim',
    place: 'seattle',
    street: '400 Pine St',
    phone: '+12065550111',
    tags: ['wholesale'],
  },
  {
    key: 'priya',
    firstName: 'Priya',
    lastName: 'Patel',
    place: 'sanFrancisco',
    street: '800 Market St',
    phone: '+14155550122',
    crmEmail: 'priya.patel@work.example.com',
  },
  {
    key: 'emma',
    firstName: 'Emma',
    lastName: 'de Vries',
    place: 'amsterdam',
    street: 'Damrak 70',
    phone: '+31201234567',
  },
  {
    key: 'james',
    firstName: 'James',
    lastName: 'Wilson',
    place: 'manchester',
    street: '1 Piccadilly Gardens',
    phone: '+441614960123',
  },
];

/** Seeded extra customers, mostly in the US, who receive filler orders. */
export const EXTRA_CUSTOMER_COUNT = 6;
export const EXTRA_PLACES: readonly (readonly [PlaceKey, number])[] = [
  ['denver', 3],
  ['chicago', 2],
  ['seattle', 2],
  ['vancouver', 1],
  ['munich', 1],
  ['london', 1],
];
