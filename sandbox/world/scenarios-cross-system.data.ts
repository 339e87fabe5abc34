import { type OrderSpec } from './order-spec.types';

/**
 * Scenario orders #1036–#1043: where the systems support works with (OMS, WMS, carrier tracking,
 * payments, help desk) disagree or where only one of them knows the answer. Appended to
 * SCENARIOS after #1035 (scenarios.data.ts); append new ones at the end, never reorder.
 */
export const CROSS_SYSTEM_SCENARIOS: readonly OrderSpec[] = [
  {
    scenario: 'WMS knows tracking first: shipped (UPS), the OMS has no fulfillment yet',
    customer: 'marcus',
    daysAgo: 2,
    items: [{ sku: 'TEE-ORG-BLK-M', quantity: 2 }],
    payments: [{ card: 'Visa' }],
    warehouse: 'in_progress',
    parcels: [
      { carrier: 'UPS', service: 'UPS Ground', status: 'in_transit', afterHours: 8, omsLacksTracking: true },
    ],
  },
  {
    scenario: 'Lost parcel (USPS): the carrier says lost, the OMS still says in transit',
    customer: 'ben',
    daysAgo: 13,
    items: [
      { sku: 'BTL-STL-750', quantity: 1 },
      { sku: 'TEE-ORG-WHT-L', quantity: 1 },
    ],
    payments: [{ card: 'Mastercard', last4: '4444' }],
    parcels: [{ carrier: 'USPS', status: 'lost', afterHours: 12, omsMissesLast: 1 }],
  },
  {
    scenario: 'Returned to sender (Royal Mail): the OMS saw the failed delivery, not the return',
    customer: 'james',
    daysAgo: 15,
    items: [{ sku: 'HOOD-MER-NVY-M', quantity: 1 }],
    parcels: [{ carrier: 'RoyalMail', status: 'returned_to_sender', omsMissesLast: 1 }],
  },
  {
    scenario: 'Open dispute: delivered (FedEx), chargeback "product not received" needs a response',
    customer: 'daniel',
    daysAgo: 24,
    items: [
      { sku: 'JKT-RAIN-BLK-L', quantity: 1 },
      { sku: 'CAP-CNV-OLV', quantity: 1 },
    ],
    payments: [
      {
        card: 'Visa',
        dispute: { status: 'needs_response', reason: 'product_not_received', openedDaysAgo: 2 },
      },
    ],
    parcels: [{ carrier: 'FedEx', service: 'FedEx Home Delivery', status: 'delivered' }],
  },
  {
    scenario: 'Help desk knows another email (work address), same phone',
    customer: 'priya',
    daysAgo: 10,
    items: [
      { sku: 'NOTE-DOT-A5', quantity: 3 },
      { sku: 'MUG-CER-12', quantity: 2 },
    ],
    payments: [{ card: 'American Express' }],
    parcels: [{ carrier: 'USPS', status: 'delivered' }],
  },
  {
    scenario: 'Only the WMS has it: marketplace order imported into the warehouse, DHL in transit',
    customer: 'emma',
    daysAgo: 3,
    items: [{ sku: 'BEAN-WOOL-GRY', quantity: 1 }],
    tags: ['marketplace'],
    note: 'Imported from bol.com straight into the warehouse',
    // The marketplace collected the money: no payment of the shop's own.
    payments: [],
    parcels: [{ carrier: 'DHL', status: 'in_transit', afterHours: 20 }],
    omsMissing: true,
  },
  {
    scenario: 'Overdue: in transit (DHL), estimated delivery 3 days ago',
    customer: 'fatima',
    daysAgo: 9,
    items: [{ sku: 'SOCK-WOOL-3PK', quantity: 2 }],
    parcels: [{ carrier: 'DHL', status: 'in_transit', etaHours: -72 }],
  },
  {
    scenario: 'Out for delivery today (DPD Predict), expected this afternoon',
    customer: 'sophie',
    daysAgo: 3,
    items: [{ sku: 'CNDL-CEDAR-8', quantity: 2 }],
    parcels: [
      {
        carrier: 'DPD',
        service: 'DPD Predict',
        status: 'out_for_delivery',
        lastScanHoursAgo: 3,
        etaHours: 4,
      },
    ],
  },
];
