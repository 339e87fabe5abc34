import { z } from 'zod';

/**
 * A phone in international form. An unencoded "+" in a query string arrives as a space
 * (`?phone=+4420...`), so a leading space before digits is read as the "+" it was.
 */
export const InternationalPhone = z
  .string()
  .transform((raw) => raw.replace(/^\s+(?=\d)/, '+').trim())
  .transform((s) => (s.startsWith('00') ? `+${s.slice(2)}` : s))
  // Separators go; anything else (letters, an extension) stays and fails the check below.
  .transform((s) => (s.startsWith('+') ? `+${s.slice(1).replace(/[\s().-]/g, '')}` : s))
  .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an international number, e.g. +442079460958'));

export const NormalizedEmail = z.string().trim().toLowerCase().pipe(z.email('must be an email address'));

export const CustomerQuerySchema = z
  .object({
    email: NormalizedEmail.optional(),
    phone: InternationalPhone.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10).describe('recent orders to include (1–50)'),
  })
  .refine((q) => (q.email === undefined) !== (q.phone === undefined), {
    path: ['email'],
    message: 'give either email or phone',
  });
export type CustomerQuery = z.infer<typeof CustomerQuerySchema>;
