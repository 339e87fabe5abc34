import { alphanumeric, digits, pick, type Rng } from './random';
import { type EventLocation } from './world.types';

/** Carriers as the shop's OMS names them, with their public tracking-page URL and number format. */
export interface Carrier {
  name: string;
  services: readonly string[];
  trackingUrl: (trackingNumber: string) => string;
  trackingNumber: (rng: Rng) => string;
}

export const CARRIERS = {
  UPS: {
    name: 'UPS',
    services: ['UPS Ground', 'UPS 2nd Day Air'],
    trackingUrl: (n) => `https://www.ups.com/track?tracknum=${n}`,
    trackingNumber: (rng) => `1Z${alphanumeric(rng, 6)}03${digits(rng, 8)}`,
  },
  USPS: {
    name: 'USPS',
    services: ['USPS Ground Advantage', 'USPS Priority Mail'],
    trackingUrl: (n) => `https://tools.usps.com/go/TrackConfirmAction?tLabels=${n}`,
    trackingNumber: (rng) => `9400${digits(rng, 18)}`,
  },
  FedEx: {
    name: 'FedEx',
    services: ['FedEx Home Delivery', 'FedEx 2Day'],
    trackingUrl: (n) => `https://www.fedex.com/fedextrack/?trknbr=${n}`,
    trackingNumber: (rng) => digits(rng, 12),
  },
  DHL: {
    name: 'DHL Express',
    services: ['DHL Express Worldwide', 'DHL Express 12:00'],
    trackingUrl: (n) => `https://www.dhl.com/en/express/tracking.html?AWB=${n}`,
    trackingNumber: (rng) => digits(rng, 10),
  },
  DPD: {
    name: 'DPD',
    services: ['DPD Classic', 'DPD Predict'],
    trackingUrl: (n) => `https://tracking.dpd.de/status/en_US/parcel/${n}`,
    trackingNumber: (rng) => digits(rng, 14),
  },
  RoyalMail: {
    name: 'Royal Mail',
    services: ['Royal Mail Tracked 24', 'Royal Mail Tracked 48'],
    trackingUrl: (n) => `https://www.royalmail.com/track-your-item#/tracking-results/${n}`,
    trackingNumber: (rng) => `${pick(rng, ['TT', 'JV', 'LX', 'RK'])}${digits(rng, 9)}GB`,
  },
  CanadaPost: {
    name: 'Canada Post',
    services: ['Expedited Parcel', 'Xpresspost'],
    trackingUrl: (n) => `https://www.canadapost-postescanada.ca/track-reperez/en#/details/${n}`,
    trackingNumber: (rng) => digits(rng, 16),
  },
  JapanPost: {
    name: 'Japan Post',
    services: ['EMS', 'Yu-Pack'],
    trackingUrl: (n) => `https://trackings.post.japanpost.jp/services/srv/search/?requestNo1=${n}`,
    trackingNumber: (rng) => `EJ${digits(rng, 9)}JP`,
  },
  Aramex: {
    name: 'Aramex',
    services: ['Priority Parcel Express'],
    trackingUrl: (n) => `https://www.aramex.com/track/results?ShipmentNumber=${n}`,
    trackingNumber: (rng) => digits(rng, 11),
  },
} satisfies Record<string, Carrier>;

export type CarrierKey = keyof typeof CARRIERS;

/** Which carriers ship to a country (filler orders pick among them). */
export const CARRIERS_BY_COUNTRY: Record<string, readonly CarrierKey[]> = {
  US: ['UPS', 'USPS', 'FedEx'],
  CA: ['CanadaPost', 'UPS'],
  GB: ['RoyalMail', 'DPD'],
  DE: ['DHL', 'DPD'],
  FR: ['DHL', 'DPD'],
  NL: ['DHL', 'DPD'],
  JP: ['JapanPost'],
  KW: ['Aramex', 'DHL'],
};

/** The warehouse a parcel leaves from, per destination country. */
export const ORIGINS: Record<string, EventLocation> = {
  US: { city: 'Reno', region: 'NV', postalCode: '89502', countryCode: 'US' },
  CA: { city: 'Mississauga', region: 'ON', postalCode: 'L5T 2N7', countryCode: 'CA' },
  GB: { city: 'Northampton', postalCode: 'NN4 7PB', countryCode: 'GB' },
  DE: { city: 'Venlo', postalCode: '5928 LZ', countryCode: 'NL' },
  FR: { city: 'Venlo', postalCode: '5928 LZ', countryCode: 'NL' },
  NL: { city: 'Venlo', postalCode: '5928 LZ', countryCode: 'NL' },
  JP: { city: 'Ichikawa', region: 'Chiba', postalCode: '272-0002', countryCode: 'JP' },
  KW: { city: 'Dubai', postalCode: '00000', countryCode: 'AE' },
};

/** A sorting hub on the way, per destination country. */
export const HUBS: Record<string, EventLocation> = {
  US: { city: 'Louisville', region: 'KY', postalCode: '40209', countryCode: 'US' },
  CA: { city: 'Winnipeg', region: 'MB', postalCode: 'R3C 0A1', countryCode: 'CA' },
  GB: { city: 'Coventry', postalCode: 'CV3 4FJ', countryCode: 'GB' },
  DE: { city: 'Leipzig', postalCode: '04435', countryCode: 'DE' },
  FR: { city: 'Roissy-en-France', postalCode: '95700', countryCode: 'FR' },
  NL: { city: 'Amsterdam', postalCode: '1118 CP', countryCode: 'NL' },
  JP: { city: 'Narita', region: 'Chiba', postalCode: '282-0004', countryCode: 'JP' },
  KW: { city: 'Kuwait City', postalCode: '13001', countryCode: 'KW' },
};
