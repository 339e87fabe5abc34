import { type Order, type Shipment, ShipmentStatus } from '../../../src/canonical';
import { type Insights } from '../../../src/insights/insights.schema';
import { statusMessage } from '../../../src/shipments/status-message';
import { anOrder, aShipment } from '../../support/canonical.factory';

/** An order full of personal data that no bot message may repeat. */
const PRIVATE = {
  email: 'ada.lovelace@example.com',
  phone: '+442079460958',
  phoneSpaced: '+44 20 7946 0958',
  name: 'Ada Lovelace',
  street: '12 Baker Street',
  city: 'Marylebone',
  postalCode: 'NW1 6XE',
};

const parcel = (overrides: Partial<Shipment> = {}) =>
  aShipment({
    carrier: 'UPS',
    trackingNumber: '1Z999AA1',
    estimatedDeliveryAt: '2026-11-05T00:00:00Z',
    deliveredAt: '2026-11-03T16:42:00Z',
    ...overrides,
  });

const order = (shipments: Shipment[] = [parcel()]): Order =>
  anOrder({
    number: '1001',
    customer: {
      id: 'gid://shopify/Customer/1',
      email: PRIVATE.email,
      name: PRIVATE.name,
      phone: PRIVATE.phone,
    },
    shippingAddress: {
      name: PRIVATE.name,
      company: 'Analytical Engines Ltd',
      line1: PRIVATE.street,
      city: PRIVATE.city,
      postalCode: PRIVATE.postalCode,
      countryCode: 'GB',
      phone: PRIVATE.phoneSpaced,
    },
    totals: {
      subtotal: { amount: '44.95', currency: 'GBP' },
      shipping: { amount: '5.00', currency: 'GBP' },
      total: { amount: '49.95', currency: 'GBP' },
    },
    currency: 'GBP',
    lineItems: [
      {
        id: 'li1',
        title: 'Difference Engine mug',
        quantity: 1,
        unitPrice: { amount: '44.95', currency: 'GBP' },
      },
    ],
    shipments,
  });

const insights = (overrides: Partial<Insights> = {}): Insights => ({
  orderStage: 'in_transit',
  flags: [],
  escalate: false,
  escalationReasons: [],
  ...overrides,
});

const overdue = insights({
  flags: [{ code: 'delivery_overdue', severity: 'warning', message: 'Delivery is 2 days overdue' }],
  escalate: true,
  escalationReasons: ['Delivery is 2 days overdue'],
});

/** The message for one parcel in this status, as the shipment-status service asks for it. */
const single = (status: ShipmentStatus, overrides: Partial<Shipment> = {}, withInsights = insights()) => {
  const shipment = parcel({ status, ...overrides });
  return statusMessage({ order: order([shipment]), status, shipment, insights: withInsights });
};

describe('statusMessage', () => {
  describe('one parcel', () => {
    it.each<[ShipmentStatus, string]>([
      ['info_received', 'Order 1001 has a shipping label, but the carrier has not picked it up yet.'],
      ['in_transit', 'Order 1001 is on its way with UPS and should arrive by Thursday 5 November.'],
      ['out_for_delivery', 'Order 1001 is out for delivery today with UPS.'],
      [
        'failed_attempt',
        'The carrier tried to deliver order 1001 but could not; they usually try again or leave a note on where to collect it.',
      ],
      ['available_for_pickup', 'Order 1001 is waiting at a pickup point with UPS; please collect it soon.'],
      ['delivered', 'Order 1001 was delivered on Tuesday 3 November.'],
      [
        'exception',
        'The carrier reported a problem delivering order 1001; a member of our team will follow up with you.',
      ],
      [
        'returned_to_sender',
        'Order 1001 is being returned to us by the carrier; a member of our team will contact you.',
      ],
      ['expired', 'Tracking for order 1001 stopped updating; our team will check with the carrier.'],
      ['cancelled', 'Order 1001 was cancelled, so nothing will be shipped.'],
      [
        'unknown',
        'We cannot get the latest delivery status of order 1001 right now; please try again a little later.',
      ],
    ])('says for %p: %p', (status, message) => {
      expect(single(status)).toBe(message);
    });

    it('says an order still in the warehouse is being prepared', () => {
      expect(
        statusMessage({
          order: order([]),
          status: 'pending',
          insights: insights({ orderStage: 'in_warehouse' }),
        }),
      ).toBe('Order 1001 is being prepared at our warehouse and has not shipped yet.');
    });

    it('says an order not yet at the warehouse will ship soon', () => {
      expect(
        statusMessage({
          order: order([]),
          status: 'pending',
          insights: insights({ orderStage: 'pre_fulfillment' }),
        }),
      ).toBe('Order 1001 has been received and will ship soon.');
      expect(
        statusMessage({ order: order([]), status: 'pending', insights: insights({ orderStage: undefined }) }),
      ).toBe('Order 1001 has been received and will ship soon.');
    });

    it('leaves out the carrier and the dates it does not know', () => {
      const bare = { carrier: undefined, estimatedDeliveryAt: undefined, deliveredAt: undefined };
      expect(single('in_transit', bare)).toBe('Order 1001 is on its way.');
      expect(single('in_transit', { carrier: undefined })).toBe(
        'Order 1001 is on its way and should arrive by Thursday 5 November.',
      );
      expect(single('in_transit', { estimatedDeliveryAt: undefined })).toBe(
        'Order 1001 is on its way with UPS.',
      );
      expect(single('out_for_delivery', bare)).toBe('Order 1001 is out for delivery today.');
      expect(single('available_for_pickup', bare)).toBe(
        'Order 1001 is waiting at a pickup point; please collect it soon.',
      );
      expect(single('delivered', bare)).toBe('Order 1001 was delivered.');
    });

    it('writes dates in words, on the UTC calendar day', () => {
      expect(single('in_transit', { estimatedDeliveryAt: '2026-12-31T23:59:59Z' })).toBe(
        'Order 1001 is on its way with UPS and should arrive by Thursday 31 December.',
      );
      expect(single('delivered', { deliveredAt: '2027-01-01T00:00:00Z' })).toBe(
        'Order 1001 was delivered on Friday 1 January.',
      );
    });

    it('says a late parcel is running late when the insights flag delivery_overdue', () => {
      expect(single('in_transit', {}, overdue)).toBe(
        'Order 1001 is on its way with UPS but running late: it was expected by Thursday 5 November.',
      );
    });

    it('does not claim lateness without an expected date', () => {
      expect(single('in_transit', { estimatedDeliveryAt: undefined }, overdue)).toBe(
        'Order 1001 is on its way with UPS.',
      );
    });

    it('counts cancelled shipments out when deciding whether there are several parcels', () => {
      const live = parcel({ status: 'in_transit' });
      const cancelled = parcel({ id: 'f-cancelled', trackingNumber: '1Z000', status: 'cancelled' });
      expect(
        statusMessage({
          order: order([cancelled, live]),
          status: 'in_transit',
          shipment: live,
          insights: insights(),
        }),
      ).toBe('Order 1001 is on its way with UPS and should arrive by Thursday 5 November.');
    });
  });

  describe('several parcels', () => {
    const other = parcel({ id: 'f2', trackingNumber: '1Z222', status: 'delivered', carrier: 'DHL' });
    const several = (
      status: ShipmentStatus,
      overrides: Partial<Shipment> = {},
      withInsights = insights(),
    ) => {
      const shipment = parcel({ status, ...overrides });
      return statusMessage({ order: order([shipment, other]), status, shipment, insights: withInsights });
    };

    it.each<[ShipmentStatus, string]>([
      [
        'info_received',
        'One parcel of order 1001 has a shipping label, but the carrier has not picked it up yet.',
      ],
      [
        'in_transit',
        'One parcel of order 1001 is on its way with UPS and should arrive by Thursday 5 November.',
      ],
      ['out_for_delivery', 'One parcel of order 1001 is out for delivery today with UPS.'],
      [
        'failed_attempt',
        'The carrier tried to deliver one parcel of order 1001 but could not; they usually try again or leave a note on where to collect it.',
      ],
      [
        'available_for_pickup',
        'One parcel of order 1001 is waiting at a pickup point with UPS; please collect it soon.',
      ],
      [
        'exception',
        'The carrier reported a problem delivering one parcel of order 1001; a member of our team will follow up with you.',
      ],
      [
        'returned_to_sender',
        'One parcel of order 1001 is being returned to us by the carrier; a member of our team will contact you.',
      ],
      [
        'expired',
        'Tracking for one parcel of order 1001 stopped updating; our team will check with the carrier.',
      ],
    ])('says for %p: %p', (status, message) => {
      expect(several(status)).toBe(message);
    });

    it('says which parcel runs late', () => {
      expect(several('in_transit', {}, overdue)).toBe(
        'One parcel of order 1001 is on its way with UPS but running late: it was expected by Thursday 5 November.',
      );
    });

    it('speaks of the whole order once every parcel is delivered', () => {
      expect(several('delivered')).toBe('Order 1001 was delivered on Tuesday 3 November.');
    });
  });

  describe('for every status', () => {
    const variants = ShipmentStatus.options.flatMap((status) =>
      [true, false].flatMap((multi) =>
        [insights(), overdue, insights({ orderStage: 'in_warehouse' })].flatMap((withInsights) =>
          [
            parcel({ status }),
            parcel({ status, carrier: undefined, estimatedDeliveryAt: undefined, deliveredAt: undefined }),
            undefined,
          ].map((shipment) => {
            const shipments = [shipment ?? parcel({ status })];
            if (multi) shipments.push(parcel({ id: 'f2', trackingNumber: '1Z222', status: 'delivered' }));
            return {
              status,
              message: statusMessage({ order: order(shipments), status, shipment, insights: withInsights }),
            };
          }),
        ),
      ),
    );

    it('has a distinct sentence for each status', () => {
      const byStatus = new Map<ShipmentStatus, string>(
        ShipmentStatus.options.map((status) => [status, single(status)]),
      );
      expect(new Set(byStatus.values()).size).toBe(ShipmentStatus.options.length);
    });

    it('answers with one sentence naming the order', () => {
      for (const { message } of variants) {
        expect(message).toMatch(/^[A-Z][^.]*\.$/);
        expect(message).toMatch(/\b[Oo]rder 1001\b/);
      }
    });

    it('never repeats an email, a phone number, a street, an amount or a person’s name', () => {
      const forbidden = [
        PRIVATE.email,
        PRIVATE.name,
        'Ada',
        'Lovelace',
        PRIVATE.street,
        'Baker',
        PRIVATE.city,
        PRIVATE.postalCode,
        'Analytical',
        '49.95',
        '44.95',
        '5.00',
        'GBP',
        '£',
        'Difference Engine',
      ];
      for (const { message } of variants) {
        for (const text of forbidden) expect(message).not.toContain(text);
        expect(message).not.toMatch(/@/); // an email
        expect(message).not.toMatch(/\+?\d[\d\s()-]{6,}\d/); // a phone number
        expect(message).not.toMatch(/\d+[.,]\d{2}\b|[$€£¥]|\b(USD|EUR|GBP)\b/); // an amount
        expect(message).not.toMatch(/\d+\s+\w+\s+(Street|St|Road|Rd|Avenue|Ave|Lane)\b/i); // a street
      }
    });
  });
});
