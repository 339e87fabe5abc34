import { type Order, type Shipment, type ShipmentStatus } from '../canonical';
import { type Insights } from '../insights/insights.schema';
import { type BotLocale } from './bot-locale';
import { formatStatusMessage, type StatusMessageId } from './status-catalog';

/** How a date is written in each language (English as the shop writes it: Thursday 4 December). */
const DATE_LOCALE: Record<BotLocale, string> = {
  en: 'en-GB',
  de: 'de-DE',
  fr: 'fr-FR',
  es: 'es-ES',
  it: 'it-IT',
  nl: 'nl-NL',
  ja: 'ja-JP',
};

interface MessageInput {
  order: Order;
  status: ShipmentStatus;
  /** The shipment whose status is the overall one. */
  shipment?: Shipment;
  insights: Insights;
  locale?: BotLocale;
  /** The shop's IANA time zone (shop.timeZone): a date is the day it is there. */
  timeZone?: string;
}

/** Which message says `status`, given what is known about the deciding shipment. */
function messageId(
  status: ShipmentStatus,
  shipment: Shipment | undefined,
  insights: Insights,
): StatusMessageId {
  switch (status) {
    case 'pending':
      return insights.orderStage === 'in_warehouse' ? 'pending_warehouse' : 'pending';
    case 'in_transit':
      if (!shipment?.estimatedDeliveryAt) return 'in_transit';
      return insights.flags.some((f) => f.code === 'delivery_overdue') ? 'in_transit_late' : 'in_transit_eta';
    case 'delivered':
      return shipment?.deliveredAt ? 'delivered_on' : 'delivered';
    case 'info_received':
    case 'out_for_delivery':
    case 'failed_attempt':
    case 'available_for_pickup':
    case 'exception':
    case 'returned_to_sender':
    case 'expired':
    case 'cancelled':
      return status;
    default:
      return 'unknown';
  }
}

/**
 * One plain-language sentence for every status, in words a bot can say to a customer, in the
 * customer's language (messages/<locale>.json, ICU MessageFormat). It names no person, address or
 * amount, and promises nothing the shop has not decided.
 */
export function statusMessage({
  order,
  status,
  shipment,
  insights,
  locale = 'en',
  timeZone = 'UTC',
}: MessageInput): string {
  const id = messageId(status, shipment, insights);
  const day = id === 'delivered_on' ? shipment?.deliveredAt : shipment?.estimatedDeliveryAt;
  // With several parcels the message is about the one that decides the overall status.
  const parcels = order.shipments.filter((s) => s.status !== 'cancelled').length;
  return formatStatusMessage(locale, id, {
    n: order.number,
    many: parcels > 1 ? 'yes' : 'no',
    hasCarrier: shipment?.carrier ? 'yes' : 'no',
    carrier: shipment?.carrier ?? '',
    date: day
      ? new Date(day).toLocaleDateString(DATE_LOCALE[locale], {
          weekday: 'long',
          day: 'numeric',
          month: 'long',
          timeZone,
        })
      : '',
  });
}
