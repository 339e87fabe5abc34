import { z } from 'zod';
import { GrantedRemedySchema } from '../actions/granted-remedies';
import { EmailInput, OrderNumberInput } from '../common/inputs';
import { CustomerSchema, OrderSchema, SupportCaseSchema } from '../canonical';
import { InsightsSchema } from '../insights/insights.schema';

export const SourceStatusSchema = z
  .object({
    connector: z.string().describe('connector id from the config, e.g. "shopify"'),
    system: z.enum(['oms', 'wms', 'shipping', 'payments', 'crm']),
    status: z
      .enum(['ok', 'partial', 'stale', 'unavailable', 'not_found', 'skipped'])
      .describe(
        'ok: answered live, everything it should give is here; partial: answered, but a follow-up call ' +
          'failed and part of its data is missing (error says which); stale: some or all of its data is a ' +
          'last-good copy (fetchedAt, ageSeconds); unavailable: could not be asked now; not_found: answered ' +
          'that it does not know the subject; skipped: not asked (nothing to ask it, or its circuit is open: error)',
      ),
    fetchedAt: z.string().optional().describe('when the data shown was fetched from the source'),
    ageSeconds: z.number().optional(),
    latencyMs: z.number().optional().describe("this request's call, when one was made"),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    fallback: z
      .object({ instructions: z.string(), url: z.string().optional() })
      .optional()
      .describe('what an agent does by hand now'),
  })
  .meta({ id: 'SourceStatus' });
export type SourceStatus = z.infer<typeof SourceStatusSchema>;

export const OrderContextSchema = z.object({
  order: OrderSchema.nullable(),
  customer: CustomerSchema.nullable(),
  cases: z.array(SupportCaseSchema).describe('from the CRM / helpdesk, newest first'),
  insights: InsightsSchema,
  remedies: z
    .array(GrantedRemedySchema)
    .optional()
    .describe(
      'remedies the hub was asked to carry out on this order (refunds, replacements, store credit), newest ' +
        'first, each with its status, who asked, and the playbook decision it carries out (docs/playbooks.md); ' +
        "absent when the hub's database could not be read",
    ),
  sources: z.array(SourceStatusSchema).describe('one per connector that was asked or skipped'),
  generatedAt: z.string(),
});
export type OrderContext = z.infer<typeof OrderContextSchema>;

/** The order number in a path (common/inputs.ts). */
export const OrderNumberParamsSchema = z.object({ orderNumber: OrderNumberInput });

/** `GET /v1/orders/{orderNumber}/context?email=`: what the caller already knows, a hint only. */
export const OrderContextQuerySchema = z.object({
  email: EmailInput.optional().describe(
    "the customer's email as the caller knows it (a help desk: the requester's), so the customer and case " +
      "lookups start with the order lookups. A hint only: used when the order's customer has this email, " +
      'otherwise ignored; it never changes whose data is shown',
  ),
});

export const CustomerContextSchema = z
  .object({
    customer: CustomerSchema.nullable(),
    orders: z.array(OrderSchema).describe('the most recent first, each with its shipments and payments'),
    cases: z.array(SupportCaseSchema).describe('from every help desk, newest first'),
    insights: InsightsSchema,
    remedies: z
      .array(GrantedRemedySchema)
      .optional()
      .describe(
        'remedies the hub was asked to grant on the orders listed (refunds, replacements, store credit), ' +
          "newest first: what this customer was already given; absent when the hub's database could not be read",
      ),
    sources: z.array(SourceStatusSchema),
    generatedAt: z.string(),
  })
  .meta({ description: 'GET /v1/customers/context' });
export type CustomerContext = z.infer<typeof CustomerContextSchema>;
