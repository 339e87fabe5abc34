/** The shop's catalog; prices in USD cents, converted per order currency (currency.util.ts). */
export interface Product {
  sku: string;
  title: string;
  variantTitle: string;
  usdCents: number;
}

export const PRODUCTS: readonly Product[] = [
  { sku: 'TEE-ORG-BLK-M', title: 'Organic Cotton Tee', variantTitle: 'Black / M', usdCents: 2800 },
  { sku: 'TEE-ORG-WHT-L', title: 'Organic Cotton Tee', variantTitle: 'White / L', usdCents: 2800 },
  { sku: 'HOOD-MER-NVY-M', title: 'Merino Hoodie', variantTitle: 'Navy / M', usdCents: 8900 },
  { sku: 'MUG-CER-12', title: 'Ceramic Mug', variantTitle: '12 oz', usdCents: 1800 },
  { sku: 'BTL-STL-750', title: 'Insulated Steel Bottle', variantTitle: '750 ml', usdCents: 3400 },
  { sku: 'SOCK-WOOL-3PK', title: 'Wool Socks 3-Pack', variantTitle: 'One size', usdCents: 2400 },
  { sku: 'CAP-CNV-OLV', title: 'Canvas Cap', variantTitle: 'Olive', usdCents: 2200 },
  { sku: 'TOTE-CNV-NAT', title: 'Canvas Tote', variantTitle: 'Natural', usdCents: 1995 },
  { sku: 'JKT-RAIN-BLK-L', title: 'Packable Rain Jacket', variantTitle: 'Black / L', usdCents: 12900 },
  { sku: 'BEAN-WOOL-GRY', title: 'Wool Beanie', variantTitle: 'Grey', usdCents: 3200 },
  { sku: 'NOTE-DOT-A5', title: 'Dot Grid Notebook', variantTitle: 'A5', usdCents: 1450 },
  { sku: 'CNDL-CEDAR-8', title: 'Cedar Candle', variantTitle: '8 oz', usdCents: 2600 },
];

export function product(sku: string): Product {
  const found = PRODUCTS.find((p) => p.sku === sku);
  if (!found) throw new Error(`sandbox catalog has no SKU ${sku}`);
  return found;
}

export const STREETS = [
  'Market Street',
  'Maple Avenue',
  'Oak Lane',
  'Station Road',
  'Harbour Way',
  'Park Avenue',
  'Mill Road',
  'Cedar Court',
];

export const FIRST_NAMES = [
  'Noah',
  'Mia',
  'Lucas',
  'Zoe',
  'Ethan',
  'Nora',
  'Hugo',
  'Ava',
  'Leo',
  'Isla',
  'Oscar',
  'Ruby',
  'Felix',
  'Hana',
  'Omar',
  'Clara',
];
export const LAST_NAMES = [
  'Garcia',
  'Nguyen',
  'Rossi',
  'Novak',
  'Fischer',
  'Silva',
  'Larsen',
  'Moreau',
  'Walsh',
  'Haddad',
  'Ito',
  'Kowalski',
];
