import { z } from 'zod';
import { Sources } from './common.schema';
import { MoneySchema, Timestamp } from './money.schema';

export const CustomerSchema = z
  .object({
    id: z.string(),
    email: z.string().optional(),
    phone: z.string().optional().describe('E.164 when the source gave a parseable number'),
    name: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    createdAt: Timestamp.optional(),
    tags: z.array(z.string()),
    ordersCount: z.number().int().nonnegative().optional(),
    totalSpent: MoneySchema.optional(),
    sources: Sources,
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof CustomerSchema>;
