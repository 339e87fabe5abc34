import { z } from 'zod';
import { OrderNumberInput } from '../common/inputs';
import { ProblemSchema } from '../common/problem';
import { TASK_KINDS, TASK_STATUSES, type TaskKind } from './task.entity';

/** What resolving a task of each kind may say; the action it stands for follows (see TaskOutcomes). */
export const OUTCOMES_BY_KIND: Readonly<Record<TaskKind, readonly string[]>> = {
  action_failed: ['done', 'cancelled'],
  action_unknown_outcome: ['done', 'cancelled'],
  refund_approval: ['approved', 'rejected'],
  remedy_approval: ['approved', 'rejected'],
  interface_down: ['done'],
};
export const TASK_OUTCOMES = ['done', 'cancelled', 'approved', 'rejected', 'recovered'] as const;

const connectorId = z.string().regex(/^[a-z][a-z0-9_-]{0,39}$/, 'a connector id from the config');

export const TaskQuerySchema = z
  .object({
    status: z
      .enum([...TASK_STATUSES, 'active'])
      .default('active')
      .describe('active = open or claimed (default)'),
    connector: connectorId.optional(),
    kind: z.enum(TASK_KINDS).optional(),
    orderNumber: OrderNumberInput.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(100_000).default(0),
  })
  .strict();
export type TaskQuery = z.infer<typeof TaskQuerySchema>;

export const TaskIdParamsSchema = z.object({ id: z.uuid('must be a task id (a UUID)') });

export const ClaimBodySchema = z
  .object({
    by: z.string().trim().min(1).max(100).optional().describe('the person; default: the API key name'),
  })
  .strict();

export const ResolveBodySchema = z
  .object({
    outcome: z
      .enum(['done', 'cancelled', 'approved', 'rejected'])
      .describe(
        'action_failed / action_unknown_outcome: done (did it by hand) or cancelled (will not be done); ' +
          'refund_approval / remedy_approval: approved (the action runs) or rejected; interface_down: done',
      ),
    note: z.string().trim().max(2_000).optional(),
    by: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'the person; default: the API key name. A claimed task is resolved only by whoever claimed it: ' +
          'the same person through the same API key',
      ),
    override: z
      .boolean()
      .optional()
      .describe(
        'admin keys only (403 otherwise): resolve a task someone else has claimed. The task keeps ' +
          'claimedBy and says claimOverridden; the audit row says claim_overridden and whose claim it was',
      ),
  })
  .strict();
export type ResolveBody = z.infer<typeof ResolveBodySchema>;

const Instant = z.string().describe('ISO 8601 UTC');

export const TaskViewSchema = z.object({
  id: z.string(),
  kind: z.enum(TASK_KINDS),
  status: z.enum(TASK_STATUSES),
  connector: z.string(),
  system: z.string(),
  title: z.string(),
  whatFailed: z.string(),
  instructions: z.string(),
  url: z.string().optional().describe("deep link to the record in the vendor's admin"),
  actionId: z.string().optional(),
  orderNumber: z.string().optional(),
  allowedOutcomes: z.array(z.string()),
  claimedBy: z.string().optional().describe('the person who claimed it'),
  claimedKey: z.string().optional().describe('the API key the claim came through'),
  claimedAt: Instant.optional(),
  resolvedBy: z.string().optional(),
  resolvedAt: Instant.optional(),
  claimOverridden: z
    .literal(true)
    .optional()
    .describe("present when an admin key resolved it over claimedBy's claim (override)"),
  outcome: z.string().optional(),
  note: z.string().optional(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type TaskView = z.infer<typeof TaskViewSchema>;

/** 409 from resolve when someone else holds the task; names who. */
export const TaskClaimedProblemSchema = ProblemSchema.extend({
  code: z.string().describe('task_claimed_by_other (or task_already_resolved, without the members below)'),
  claimedBy: z.string().optional().describe('the person who holds the task'),
  claimedKey: z.string().optional().describe('the API key their claim came through'),
  claimedAt: Instant.optional(),
});

export const TaskListSchema = z.object({
  tasks: z.array(TaskViewSchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
});
