import { z } from 'zod';
import { EmailInput } from '../common/inputs';
import { ACTION_STATUSES } from './action.entity';

const connectorId = z
  .string()
  .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a connector id from the config, e.g. "shopify"')
  .optional()
  .describe('which connected system performs it; default: the first one that can (see README)');

const CancelBody = z
  .object({
    type: z.literal('cancel'),
    reason: z.enum(['customer', 'inventory', 'fraud', 'declined', 'staff', 'other']).default('customer'),
    refund: z.boolean().default(true).describe('refund the payments too'),
    restock: z.boolean().default(true),
    notifyCustomer: z.boolean().default(false),
    staffNote: z.string().trim().max(255).optional(),
    connector: connectorId,
  })
  .strict();

/**
 * The playbook decision an action carries out (docs/playbooks.md): the hub decides again when it
 * accepts the action and refuses what the decision does not offer now.
 */
const DecisionRef = z
  .object({
    playbook: z.string().trim().min(1).max(100).describe("the decision's playbook id"),
    rule: z.string().trim().min(1).max(100).describe('the rule that matched, as the decision said'),
    skus: z
      .array(z.string().trim().min(1).max(100))
      .min(1)
      .max(100)
      .optional()
      .describe('the items the situation was reported for (damaged items), as asked of /remedies'),
  })
  .strict()
  .optional();

const PositiveAmount = z
  .object({
    amount: z
      .string()
      .regex(/^\d{1,12}(\.\d{1,4})?$/, {
        error: 'a positive decimal string such as "12.34"',
        abort: true,
      })
      .refine((a) => Number(a) > 0, 'must be more than zero'),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD')
      .describe("the order's currency"),
  })
  .strict();

const RefundBody = z
  .object({
    type: z.literal('refund'),
    amount: PositiveAmount,
    reason: z.string().trim().min(1).max(255).optional(),
    decision: DecisionRef,
    connector: connectorId,
  })
  .strict();

const ReplacementBody = z
  .object({
    type: z.literal('replacement'),
    items: z
      .array(
        z
          .object({
            sku: z.string().trim().min(1).max(100),
            quantity: z
              .number()
              .int()
              .min(1)
              .max(1_000)
              .optional()
              .describe('default: as many as were ordered'),
          })
          .strict(),
      )
      .min(1)
      .max(100)
      .refine(
        (items) => new Set(items.map((i) => i.sku.toLowerCase())).size === items.length,
        'each SKU once',
      )
      .optional()
      .describe('which items to send again; default: every item of the order'),
    reason: z.string().trim().min(1).max(255).optional(),
    decision: DecisionRef,
    connector: connectorId,
  })
  .strict();

const StoreCreditBody = z
  .object({
    type: z.literal('store_credit'),
    amount: PositiveAmount,
    reason: z.string().trim().min(1).max(255).optional(),
    decision: DecisionRef,
    connector: connectorId,
  })
  .strict();

const NoteBody = z
  .object({
    type: z.literal('note'),
    text: z.string().trim().min(1, 'must not be empty').max(5_000),
    author: z.string().trim().min(1).max(100).optional().describe('the agent; default: the API key name'),
    customerEmail: EmailInput.optional().describe(
      'the customer whose CRM record takes the note (needed when the note goes to a CRM)',
    ),
    decision: DecisionRef,
    connector: connectorId,
  })
  .strict();

/** `POST /v1/orders/{orderNumber}/actions` body (docs/api.md). */
export const ACTION_TYPES = ['cancel', 'refund', 'note', 'replacement', 'store_credit'] as const;

export const ActionBodySchema = z.discriminatedUnion(
  'type',
  [CancelBody, RefundBody, NoteBody, ReplacementBody, StoreCreditBody],
  {
    error: (issue) =>
      issue.code === 'invalid_union' ? `type must be one of ${ACTION_TYPES.join(', ')}` : undefined,
  },
);
export type ActionBody = z.infer<typeof ActionBodySchema>;
/** An action that may name the playbook decision it carries out (every type but cancel). */
export type DecidedBody = Exclude<ActionBody, { type: 'cancel' }> & {
  decision: NonNullable<Exclude<ActionBody, { type: 'cancel' }>['decision']>;
};

/** `Idempotency-Key`: what the client uses to make a retry of its request safe. */
export const IdempotencyKeySchema = z
  .string({ error: 'the Idempotency-Key header is required' })
  .trim()
  .min(8, 'must be 8 to 255 characters (a UUID is ideal)')
  .max(255, 'must be 8 to 255 characters (a UUID is ideal)')
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces');

const Instant = z.string().describe('ISO 8601 UTC');

export const ActionViewSchema = z.object({
  id: z.string(),
  status: z.enum(ACTION_STATUSES),
  type: z.enum(ACTION_TYPES),
  orderNumber: z.string(),
  connector: z.string(),
  params: z.record(z.string(), z.unknown()),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  lastError: z.object({ code: z.string(), message: z.string(), at: Instant }).optional(),
  result: z
    .object({ externalId: z.string().optional(), url: z.string().optional(), summary: z.string() })
    .optional(),
  taskId: z.string().optional().describe('the manual-backup or approval task, when there is one'),
  decision: z
    .object({
      playbook: z.string(),
      rule: z.string(),
      situation: z.string(),
      remedy: z.string().optional().describe('the remedy offered; absent for a note recording the decision'),
    })
    .optional()
    .describe('the playbook decision it carries out, as the hub checked it when it accepted the action'),
  resolution: z
    .object({ by: z.string(), at: Instant, outcome: z.string(), note: z.string().optional() })
    .optional()
    .describe('who closed it by hand, when and how'),
  createdAt: Instant,
  updatedAt: Instant,
  finishedAt: Instant.optional(),
});
export type ActionView = z.infer<typeof ActionViewSchema>;

export const ActionIdParamsSchema = z.object({ id: z.uuid('must be an action id (a UUID)') });
