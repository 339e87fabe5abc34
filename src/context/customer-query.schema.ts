import { z } from 'zod';
import { EmailInput, PhoneInput } from '../common/inputs';

export const CustomerQuerySchema = z
  .object({
    email: EmailInput.optional(),
    phone: PhoneInput.optional(),
    limit: z.coerce.number().int().min(1).max(50).default(10).describe('recent orders to include (1–50)'),
  })
  .refine((q) => (q.email === undefined) !== (q.phone === undefined), {
    path: ['email'],
    message: 'give either email or phone',
  });
export type CustomerQuery = z.infer<typeof CustomerQuerySchema>;
