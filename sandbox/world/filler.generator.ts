import { CARRIERS_BY_COUNTRY } from './carriers.data';
import { type OrderSpec, type ParcelSpec, type PaymentSpec } from './order-spec.types';
import { PRODUCTS } from './products.data';
import { chance, int, pick, weighted, type Rng } from './random';
import { type Customer, type ParcelStatus, type WarehouseState } from './world.types';

type Profile =
  | 'delivered'
  | 'in_transit'
  | 'out_for_delivery'
  | 'unfulfilled'
  | 'authorized'
  | 'partial_refund'
  | 'return_requested'
  | 'cancelled'
  | 'paypal_delivered';

/** How ordinary days at the shop look: mostly delivered orders, some on their way, a few problems. */
const PROFILES: readonly (readonly [Profile, number])[] = [
  ['delivered', 40],
  ['in_transit', 12],
  ['out_for_delivery', 4],
  ['unfulfilled', 12],
  ['authorized', 4],
  ['partial_refund', 8],
  ['return_requested', 4],
  ['cancelled', 5],
  ['paypal_delivered', 6],
];

/** Seeded everyday orders that fill the shop around the named scenarios. */
export function fillerSpecs(rng: Rng, customers: readonly Customer[], count: number): OrderSpec[] {
  const specs: OrderSpec[] = [];
  for (let i = 0; i < count; i++) {
    const profile = weighted(rng, PROFILES);
    const customer = pick(rng, customers);
    const lines = int(rng, profile === 'partial_refund' ? 2 : 1, 3);
    const skus = new Set<string>();
    while (skus.size < lines) skus.add(pick(rng, PRODUCTS).sku);
    const items = [...skus].map((sku) => ({ sku, quantity: chance(rng, 0.75) ? 1 : 2 }));
    const carrier = pick(rng, CARRIERS_BY_COUNTRY[customer.address.countryCode]);
    const parcel = (status: ParcelStatus): ParcelSpec[] => [{ carrier, status }];
    const promo = chance(rng, 0.2);
    const base: OrderSpec = {
      scenario: `Filler: ${profile.replace(/_/g, ' ')}`,
      customer: `#${customer.id}`,
      daysAgo: 0,
      items,
      ...(promo ? { discountPercent: 10, tags: ['promo'] } : {}),
      ...(chance(rng, 0.25) ? { freeShipping: true } : {}),
      ...(chance(rng, 0.1) ? { risk: { level: 'none', recommendation: 'none' } } : {}),
      ...(chance(rng, 0.05) ? { risk: { level: 'medium', recommendation: 'investigate' } } : {}),
    };
    specs.push({ ...base, ...profileSpec(rng, profile, parcel) });
  }
  return specs;
}

function profileSpec(
  rng: Rng,
  profile: Profile,
  parcel: (s: ParcelStatus) => ParcelSpec[],
): Partial<OrderSpec> {
  const visa: PaymentSpec = {};
  switch (profile) {
    case 'delivered':
      return { daysAgo: int(rng, 8, 60), parcels: parcel('delivered') };
    case 'paypal_delivered':
      return { daysAgo: int(rng, 8, 60), parcels: parcel('delivered'), payments: [{ paypal: true }] };
    case 'in_transit':
      return { daysAgo: int(rng, 2, 5), parcels: parcel('in_transit') };
    case 'out_for_delivery':
      return { daysAgo: int(rng, 2, 4), parcels: parcel('out_for_delivery') };
    case 'unfulfilled': {
      const warehouse = weighted<WarehouseState>(rng, [
        ['unsubmitted', 3],
        ['submitted', 1],
        ['in_progress', 1],
      ]);
      return { daysAgo: int(rng, 0, 1), warehouse, payments: [visa] };
    }
    case 'authorized':
      return { daysAgo: int(rng, 0, 2), payments: [{ manual: true, captured: 0 }] };
    case 'partial_refund':
      return {
        daysAgo: int(rng, 15, 60),
        parcels: parcel('delivered'),
        refunds: [{ lines: [[0, 1]], reason: pick(rng, ['damaged', 'customer_request'] as const) }],
      };
    case 'return_requested':
      return {
        daysAgo: int(rng, 8, 20),
        parcels: parcel('delivered'),
        returns: [{ status: 'requested', reason: 'size_too_large', lines: [[0, 1]] }],
      };
    case 'cancelled':
      return {
        daysAgo: int(rng, 3, 50),
        cancel: { reason: 'customer' },
        refunds: [{ all: true, reason: 'cancellation', afterHours: 0.1 }],
      };
  }
}
