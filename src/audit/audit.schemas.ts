import { z } from 'zod';
import { EmailInput, OrderNumberInput, PhoneInput } from '../common/inputs';
import { AUDIT_SUBJECT_TYPES } from './audit.entity';

const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 time such as 2026-11-30T10:00:00Z' });

export const AuditQuerySchema = z
  .object({
    apiKey: z.string().trim().min(1).max(100).optional().describe('the API key name'),
    subjectType: z.enum(AUDIT_SUBJECT_TYPES).optional(),
    orderNumber: OrderNumberInput.optional(),
    email: EmailInput.optional().describe('finds reads of this customer (matched by its hash)'),
    phone: PhoneInput.optional(),
    route: z.string().max(200).optional().describe('e.g. /v1/orders/:orderNumber/context'),
    outcome: z.string().max(30).optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .refine((q) => [q.orderNumber, q.email, q.phone].filter(Boolean).length <= 1, {
    message: 'give at most one of orderNumber, email, phone',
    path: ['orderNumber'],
  });
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

export const AuditEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  apiKey: z.string().optional(),
  method: z.string(),
  route: z.string(),
  subjectType: z.enum(AUDIT_SUBJECT_TYPES).optional(),
  subject: z.string().optional(),
  status: z.number().int(),
  outcome: z
    .string()
    .describe(
      'from the status (ok, not_found, conflict, ...), or claim_overridden: an admin resolved a task over a claim',
    ),
  detail: z.string().optional().describe('what the endpoint adds, e.g. whose claim an override took over'),
  requestId: z.string(),
  latencyMs: z.number().int(),
});

export const AuditPageSchema = z.object({
  events: z.array(AuditEventSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
