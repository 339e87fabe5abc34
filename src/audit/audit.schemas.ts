import { z } from 'zod';
import { AUDIT_SUBJECT_TYPES } from './audit.entity';

const instant = z.iso.datetime({ offset: true, error: 'an ISO 8601 time such as 2026-11-30T10:00:00Z' });

export const AuditQuerySchema = z
  .object({
    apiKey: z.string().trim().min(1).max(100).optional().describe('the API key name'),
    subjectType: z.enum(AUDIT_SUBJECT_TYPES).optional(),
    orderNumber: z
      .string()
      .trim()
      .transform((s) => s.replace(/^#/, ''))
      .pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, 'an order number such as 1001'))
      .optional(),
    email: z.email().optional().describe('finds reads of this customer (matched by its hash)'),
    phone: z
      .string()
      .regex(/^\+[1-9]\d{6,14}$/, 'international form, e.g. +442079460958')
      .optional(),
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
  outcome: z.string(),
  requestId: z.string(),
  latencyMs: z.number().int(),
});

export const AuditPageSchema = z.object({
  events: z.array(AuditEventSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
