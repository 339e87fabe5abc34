import { z } from 'zod';
import { Sources } from './common.schema';
import { MoneySchema, Timestamp } from './money.schema';
import { PaymentStatus, RefundStatus } from './status.enums';

export const RefundSchema = z
  .object({
    id: z.string(),
    amount: MoneySchema,
    status: RefundStatus,
    reason: z.string().optional(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Refund' });

export const DisputeSchema = z
  .object({
    id: z.string(),
    amount: MoneySchema,
    status: z.string().describe('the provider\'s own status, e.g. "needs_response"'),
    open: z.boolean(),
    reason: z.string().optional(),
    evidenceDueBy: Timestamp.optional(),
  })
  .meta({ id: 'Dispute' });

export const PaymentSchema = z
  .object({
    id: z.string(),
    provider: z.string(),
    status: PaymentStatus,
    amount: MoneySchema,
    capturedAmount: MoneySchema.optional(),
    refundedAmount: MoneySchema.optional(),
    method: z
      .object({ type: z.string(), brand: z.string().optional(), last4: z.string().optional() })
      .optional(),
    createdAt: Timestamp,
    refunds: z.array(RefundSchema),
    disputes: z.array(DisputeSchema),
    risk: z.object({ level: z.string() }).optional(),
    /** The shop's order number the provider's metadata ties this payment to (order_number / order_id). */
    orderNumber: z.string().optional(),
    sources: Sources,
  })
  .meta({ id: 'Payment' });
export type Payment = z.infer<typeof PaymentSchema>;
