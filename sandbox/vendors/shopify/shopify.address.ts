import { COUNTRY_CODE, object, STRING } from './shopify.input';
import { type ShopifyObject } from './shopify.view';

export type AddressFields = Record<
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'company'
  | 'address1'
  | 'address2'
  | 'city'
  | 'province'
  | 'provinceCode'
  | 'zip'
  | 'country'
  | 'countryCode'
  | 'phone',
  string | null
>;

/**
 * https://shopify.dev/docs/api/admin-graphql/latest/objects/MailingAddress: `countryCodeV2`, and the
 * deprecated `countryCode` that clients still read.
 */
export function mailingAddressView(a: AddressFields) {
  return { __typename: 'MailingAddress', ...a, countryCodeV2: a.countryCode };
}

/** https://shopify.dev/docs/api/admin-graphql/latest/input-objects/MailingAddressInput */
export const MAILING_ADDRESS_INPUT = object('MailingAddressInput', {
  address1: STRING,
  address2: STRING,
  city: STRING,
  company: STRING,
  countryCode: COUNTRY_CODE,
  firstName: STRING,
  lastName: STRING,
  phone: STRING,
  provinceCode: STRING,
  zip: STRING,
  // Deprecated names; the codes win when both are given.
  country: STRING,
  province: STRING,
});

const COUNTRY_NAMES = new Intl.DisplayNames(['en'], { type: 'region' });

/**
 * A MailingAddress from a MailingAddressInput: Shopify fills the country name from the code and
 * the province name from the province code (the sandbox knows the provinces its world uses).
 */
export function addressFromInput(
  input: Record<string, string | null | undefined>,
  known: readonly ShopifyObject[],
): ReturnType<typeof mailingAddressView> {
  const text = (key: string) => {
    const v = input[key]?.trim();
    return v ? v : null;
  };
  const countryCode = text('countryCode');
  const provinceCode = text('provinceCode');
  const province = known
    .map((o) => o.shippingAddress as Record<string, unknown> | null)
    .find(
      (a) => a && a.countryCodeV2 === countryCode && a.provinceCode === provinceCode && provinceCode,
    )?.province;
  const firstName = text('firstName');
  const lastName = text('lastName');
  return mailingAddressView({
    name: [firstName, lastName].filter(Boolean).join(' ') || null,
    firstName,
    lastName,
    company: text('company'),
    address1: text('address1'),
    address2: text('address2'),
    city: text('city'),
    province: typeof province === 'string' ? province : (text('province') ?? provinceCode),
    provinceCode,
    zip: text('zip'),
    country: countryCode ? (COUNTRY_NAMES.of(countryCode) ?? countryCode) : text('country'),
    countryCode,
    phone: text('phone'),
  });
}
