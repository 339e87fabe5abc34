import { z } from 'zod';
import { EmailInput, PhoneInput } from '../common/inputs';

/** Who the customer is and how many of their orders to show: the REST query and the MCP tool's input. */
export const CustomerLookupSchema = z.object({
  email: EmailInput.optional(),
  phone: PhoneInput.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10).describe('recent orders to include (1–50)'),
});

/** Exactly one of email or phone: the rule every customer lookup is checked with. */
export function oneOfEmailOrPhone<T extends z.ZodType<{ email?: string; phone?: string }>>(schema: T): T {
  return schema.refine((q) => (q.email === undefined) !== (q.phone === undefined), {
    path: ['email'],
    message: 'give either email or phone',
  });
}

export const CustomerQuerySchema = oneOfEmailOrPhone(
  CustomerLookupSchema.extend({
    notFound: z
      .enum(['error', 'empty'])
      .optional()
      .describe(
        'error (default): 404 when no system knows the customer; empty: 200 with customer null and no orders, ' +
          'for callers that count errors against an integration (Gorgias disables one after 100 in a row)',
      ),
  }),
);
export type CustomerQuery = z.infer<typeof CustomerQuerySchema>;
