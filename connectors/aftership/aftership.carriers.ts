/**
 * The carrier names an OMS or WMS uses ("DHL Express", "Royal Mail") → AfterShip courier slugs.
 * A name not listed is left out: AfterShip then matches on the tracking number alone.
 * https://www.aftership.com/docs/tracking/others/supported-couriers
 */
const SLUGS: Readonly<Record<string, string>> = {
  ups: 'ups',
  usps: 'usps',
  fedex: 'fedex',
  dhl: 'dhl',
  dhlexpress: 'dhl',
  royalmail: 'royal-mail',
  canadapost: 'canada-post',
  dpd: 'dpd',
  dpduk: 'dpd-uk',
  japanpost: 'japan-post',
  aramex: 'aramex',
};

/** "DHL Express", "dhl-express" and "DHLExpress" all read as the same key. */
export function afterShipSlug(name: string | undefined): string | undefined {
  if (!name) return undefined;
  return SLUGS[name.toLowerCase().replace(/[^a-z0-9]/g, '')];
}
