import { z } from 'zod';

/** A decimal string in the currency's own scale ("12.34", "1500" for JPY, "12.345" for KWD). Never a float. */
export const DecimalString = z.string().regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string such as "12.34"');

export const MoneySchema = z
  .object({
    amount: DecimalString,
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in upper case'),
  })
  .meta({ id: 'Money' });
export type Money = z.infer<typeof MoneySchema>;

/** ISO 8601 timestamp in UTC, e.g. 2026-03-01T10:15:00Z. */
export const Timestamp = z.iso.datetime({ offset: false });
