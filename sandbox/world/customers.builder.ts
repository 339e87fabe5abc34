import { EXTRA_CUSTOMER_COUNT, EXTRA_PLACES, FIXED_CUSTOMERS } from './customers.data';
import { PLACES, type PlaceKey } from './places.data';
import { FIRST_NAMES, LAST_NAMES, STREETS } from './products.data';
import { digits, int, pick, weighted, type Rng } from './random';
import { days, iso } from './time.util';
import { type Address, type Customer } from './world.types';

/** The fixed scenario customers (ids 1…14, in list order), then seeded extras with unique emails. */
export function buildCustomers(
  rng: Rng,
  anchorMs: number,
): { customers: Customer[]; byKey: Map<string, Customer> } {
  const customers: Customer[] = [];
  const byKey = new Map<string, Customer>();
  FIXED_CUSTOMERS.forEach((fixed, i) => {
    const customer = make(
      rng,
      anchorMs,
      i + 1,
      fixed.firstName,
      fixed.lastName,
      fixed.place,
      fixed.street,
      fixed.phone,
    );
    if (fixed.tags) customer.tags = fixed.tags;
    if (fixed.note) customer.note = fixed.note;
    if (fixed.crmEmail) customer.crmEmail = fixed.crmEmail;
    customers.push(customer);
    byKey.set(fixed.key, customer);
  });
  const used = new Set(customers.map((c) => c.email));
  while (customers.length < FIXED_CUSTOMERS.length + EXTRA_CUSTOMER_COUNT) {
    const first = pick(rng, FIRST_NAMES);
    const last = pick(rng, LAST_NAMES);
    const place = weighted(rng, EXTRA_PLACES);
    const street = `${int(rng, 2, 980)} ${pick(rng, STREETS)}`;
    const spec = PLACES[place];
    const phone = spec.phonePrefix + digits(rng, spec.phoneDigits);
    const customer = make(rng, anchorMs, customers.length + 1, first, last, place, street, phone);
    if (used.has(customer.email)) continue;
    used.add(customer.email);
    customers.push(customer);
  }
  return { customers, byKey };
}

function make(
  rng: Rng,
  anchorMs: number,
  id: number,
  firstName: string,
  lastName: string,
  placeKey: PlaceKey,
  street: string,
  phone: string,
): Customer {
  const place = PLACES[placeKey];
  const address: Address = {
    name: `${firstName} ${lastName}`,
    line1: street,
    city: place.city,
    ...('region' in place ? { region: place.region } : {}),
    ...('regionCode' in place ? { regionCode: place.regionCode } : {}),
    postalCode: place.postalCode,
    countryCode: place.countryCode,
    country: place.country,
    phone,
  };
  return {
    id,
    firstName,
    lastName,
    email: emailOf(firstName, lastName),
    phone,
    // Every customer signed up before the oldest order (orders span the last ~60 days).
    createdAt: iso(anchorMs - days(int(rng, 70, 900)) - int(rng, 0, 86_399) * 1000),
    tags: [],
    currency: place.currency,
    address,
  };
}

/** "Chloé de Vries" → "chloe.devries@example.com" (example.com is reserved for documentation). */
function emailOf(first: string, last: string): string {
  const ascii = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[^A-Za-z]/g, '')
      .toLowerCase();
  return `${ascii(first)}.${ascii(last)}@example.com`;
}
