import { z } from 'zod';
import { DecisionSchema } from '../playbooks/decision.schema';

export const FLAG_CODES = [
  'delivery_exception',
  'delivery_overdue',
  'failed_delivery_attempt',
  'returned_to_sender',
  'payment_dispute_open',
  'fraud_risk_high',
  'refund_pending',
  'order_on_hold',
  'source_unavailable',
] as const;
export type FlagCode = (typeof FLAG_CODES)[number];

export const FlagSchema = z
  .object({
    code: z.enum(FLAG_CODES),
    severity: z.enum(['info', 'warning', 'critical']),
    message: z.string(),
  })
  .meta({ id: 'Flag' });
export type Flag = z.infer<typeof FlagSchema>;

export const InsightsSchema = z
  .object({
    orderStage: z
      .enum(['pre_fulfillment', 'in_warehouse', 'in_transit', 'delivered', 'returned', 'cancelled'])
      .optional(),
    flags: z.array(FlagSchema),
    returnEligibility: z
      .object({ eligible: z.boolean(), until: z.string().optional(), reason: z.string() })
      .optional(),
    escalate: z.boolean(),
    escalationReasons: z.array(z.string()),
    decisions: z
      .array(DecisionSchema)
      .optional()
      .describe(
        'what the playbooks decide for the situations the order shows by itself (a parcel lost or late): the rule, ' +
          'why, and the remedies support may offer (docs/playbooks.md); in a customer context, one per order that ' +
          'shows one, with its orderNumber; a situation the customer reports is asked at /v1/orders/{n}/remedies',
      ),
  })
  .meta({ id: 'Insights' });
export type Insights = z.infer<typeof InsightsSchema>;
