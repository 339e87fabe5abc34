import { type Order, type Shipment, type ShipmentStatus } from '../canonical';
import { type Insights } from '../insights/insights.schema';

const date = (iso: string) =>
  new Date(iso).toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });

interface MessageInput {
  order: Order;
  status: ShipmentStatus;
  /** The shipment whose status is the overall one. */
  shipment?: Shipment;
  insights: Insights;
}

/**
 * One plain-language sentence for every status, in words a bot can say to a customer. It names
 * no person, address or amount, and promises nothing the shop has not decided.
 */
export function statusMessage({ order, status, shipment, insights }: MessageInput): string {
  const n = order.number;
  const withCarrier = shipment?.carrier ? ` with ${shipment.carrier}` : '';
  const parcels = order.shipments.filter((s) => s.status !== 'cancelled').length;
  // With several parcels the message is about the one that decides the overall status.
  const subject = parcels > 1 ? `One parcel of order ${n}` : `Order ${n}`;
  const it = parcels > 1 ? `one parcel of order ${n}` : `order ${n}`;
  const overdue = insights.flags.some((f) => f.code === 'delivery_overdue');
  const body = (): string => {
    switch (status) {
      case 'pending':
        return insights.orderStage === 'in_warehouse'
          ? `Order ${n} is being prepared at our warehouse and has not shipped yet.`
          : `Order ${n} has been received and will ship soon.`;
      case 'info_received':
        return `${subject} has a shipping label, but the carrier has not picked it up yet.`;
      case 'in_transit':
        if (overdue && shipment?.estimatedDeliveryAt) {
          return `${subject} is on its way${withCarrier} but running late: it was expected by ${date(shipment.estimatedDeliveryAt)}.`;
        }
        return shipment?.estimatedDeliveryAt
          ? `${subject} is on its way${withCarrier} and should arrive by ${date(shipment.estimatedDeliveryAt)}.`
          : `${subject} is on its way${withCarrier}.`;
      case 'out_for_delivery':
        return `${subject} is out for delivery today${withCarrier}.`;
      case 'failed_attempt':
        return `The carrier tried to deliver ${it} but could not; they usually try again or leave a note on where to collect it.`;
      case 'available_for_pickup':
        return `${subject} is waiting at a pickup point${withCarrier}; please collect it soon.`;
      case 'delivered':
        return shipment?.deliveredAt
          ? `Order ${n} was delivered on ${date(shipment.deliveredAt)}.`
          : `Order ${n} was delivered.`;
      case 'exception':
        return `The carrier reported a problem delivering ${it}; a member of our team will follow up with you.`;
      case 'returned_to_sender':
        return `${subject} is being returned to us by the carrier; a member of our team will contact you.`;
      case 'expired':
        return `Tracking for ${it} stopped updating; our team will check with the carrier.`;
      case 'cancelled':
        return `Order ${n} was cancelled, so nothing will be shipped.`;
      default:
        return `We cannot get the latest delivery status of order ${n} right now; please try again a little later.`;
    }
  };
  return body();
}
