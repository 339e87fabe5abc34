/**
 * The carrier names an OMS or WMS uses ("DHL Express", "Royal Mail") → EasyPost's carrier codes
 * (the `carrier` of a Tracker). A name not listed is left out of the query: the tracker list is
 * then filtered by tracking code alone. https://docs.easypost.com/docs/carriers
 */
const CODES: Readonly<Record<string, string>> = {
  ups: 'UPS',
  usps: 'USPS',
  fedex: 'FedEx',
  dhl: 'DHLExpress',
  dhlexpress: 'DHLExpress',
  royalmail: 'RoyalMail',
  canadapost: 'CanadaPost',
  dpd: 'DPD',
  dpduk: 'DPDUK',
};

/** "DHL Express", "dhl-express" and "DHLExpress" all read as the same key. */
export function easyPostCarrier(name: string | undefined): string | undefined {
  if (!name) return undefined;
  return CODES[name.toLowerCase().replace(/[^a-z0-9]/g, '')];
}
