import { z } from 'zod';
import { OrderNumberInput } from '../common/inputs';

/** What the console's forms and filters send (form fields arrive as strings). */
export const SignInFormSchema = z.object({
  key: z.string().trim().min(1, 'enter your API key').max(500),
  person: z
    .string()
    .trim()
    .max(100)
    .optional()
    .transform((v) => v || undefined),
  next: z.string().optional(),
});

export const ResolveFormSchema = z.object({
  csrf: z.string(),
  outcome: z.enum(['done', 'cancelled', 'approved', 'rejected'], { error: 'choose an outcome' }),
  note: z
    .string()
    .trim()
    .max(2_000, 'a note is at most 2,000 characters')
    .optional()
    .transform((v) => v || undefined),
  override: z
    .literal('true')
    .optional()
    .transform((v) => v === 'true'),
});

const blankIsAbsent = (v: unknown) => (v === '' ? undefined : v);

export const AuditFiltersSchema = z
  .object({
    apiKey: z.preprocess(blankIsAbsent, z.string().trim().min(1).max(100).optional()),
    orderNumber: z.preprocess(blankIsAbsent, OrderNumberInput.optional()),
    outcome: z.preprocess(blankIsAbsent, z.string().trim().max(30).optional()),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();

export const PageQuerySchema = z
  .object({ offset: z.coerce.number().int().min(0).max(100_000).default(0) })
  .strict();

export const DoneQuerySchema = z.object({ done: z.enum(['claimed', 'resolved']).optional() });

/** The first problem with a form or query, as one sentence for the page. */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  const field = issue.path.join('.');
  return field ? `${field}: ${issue.message}` : issue.message;
}
