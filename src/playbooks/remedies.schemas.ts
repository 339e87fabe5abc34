import { z } from 'zod';
import { DecisionSchema } from './decision.schema';
import { CHANNELS } from './playbook.schema';

const SKU = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

/** `GET /v1/orders/{orderNumber}/remedies`: the situation a customer reports, and the items it is about. */
export const RemediesQuerySchema = z
  .object({
    situation: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,39}$/, 'a situation such as damaged_item (docs/playbooks.md)')
      .optional()
      .describe(
        'what the customer reports: where_is_my_order, damaged_item, return, or a situation of your playbooks',
      ),
    skus: z
      .string()
      .max(1_000)
      .optional()
      .transform((v) =>
        v
          ? v
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean)
          : undefined,
      )
      .pipe(z.array(z.string().regex(SKU, 'SKUs separated by commas')).max(50).optional())
      .describe(
        'the items in question, by SKU, comma-separated (a damaged mug: MUG-CER-12); default: the whole order',
      ),
    channel: z
      .enum(CHANNELS)
      .default('agent')
      .describe(
        'who offers it: agent (a person) or bot; a bot is offered only the remedies its channel lists',
      ),
  })
  .strict();
export type RemediesQuery = z.infer<typeof RemediesQuerySchema>;

export const RemediesAnswerSchema = z.object({
  orderNumber: z.string(),
  situation: z.string().optional().describe('the situation the caller reported, when it did'),
  channel: z.enum(CHANNELS),
  decisions: z.array(DecisionSchema).describe('one per playbook that applies: reported or detected'),
  facts: z
    .record(z.string(), z.unknown())
    .describe('what the conditions read (docs/playbooks.md "Facts"), to see why a rule held or not'),
  errors: z
    .array(z.object({ playbook: z.string(), rule: z.string(), error: z.string() }))
    .describe('conditions that could not be evaluated (they did not match); empty when all is well'),
});
export type RemediesAnswer = z.infer<typeof RemediesAnswerSchema>;
