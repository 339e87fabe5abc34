import { z } from 'zod';

/**
 * A playbook file (playbooks/*.yaml, docs/playbooks.md): for one situation, the rules that decide
 * what support may offer. Conditions are JSONata expressions over the order's facts
 * (playbook.facts.ts); the first rule whose `when` holds decides.
 */

export const REMEDY_KINDS = [
  'refund',
  'replacement',
  'store_credit',
  'reship',
  'return',
  'escalate',
] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

export const CHANNELS = ['agent', 'bot'] as const;
export type Channel = (typeof CHANNELS)[number];

const decimal = z.string().regex(/^\d{1,9}(\.\d{1,2})?$/, 'a decimal amount such as "25.00"');

/** How much a refund or store credit is worth: the rest of the order, a share, or at most a sum. */
export const RemedyAmountSchema = z.union([
  z.object({ full: z.literal(true) }).strict(),
  z
    .object({
      percent: z.number().gt(0).max(100),
      /** Of what: the affected items (the default when the situation names items) or the order. */
      of: z.enum(['items', 'order']).default('items'),
    })
    .strict(),
  z.object({ upTo: decimal }).strict(),
]);
export type RemedyAmount = z.infer<typeof RemedyAmountSchema>;

export const RemedySpecSchema = z
  .object({
    remedy: z.enum(REMEDY_KINDS),
    /** For refund and store_credit. */
    amount: RemedyAmountSchema.optional(),
    /** Who may offer it: a person (agent) and/or a bot. A bot never offers more than listed here. */
    channels: z.array(z.enum(CHANNELS)).min(1).default(['agent']),
    /** Whether a second person approves it before it runs. */
    approval: z.boolean().default(false),
    /** For escalate: the team that takes it. */
    team: z
      .string()
      .regex(/^[a-z][a-z0-9-]{0,39}$/, 'a team id such as "carrier-claims"')
      .optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    const needsAmount = r.remedy === 'refund' || r.remedy === 'store_credit';
    if (needsAmount && !r.amount)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: `${r.remedy} needs an amount` });
    if (!needsAmount && r.amount)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: `${r.remedy} takes no amount` });
    if (r.remedy === 'escalate' && !r.team)
      ctx.addIssue({ code: 'custom', path: ['team'], message: 'escalate needs a team' });
    if (r.remedy !== 'escalate' && r.team)
      ctx.addIssue({ code: 'custom', path: ['team'], message: 'only escalate names a team' });
  });
export type RemedySpec = z.infer<typeof RemedySpecSchema>;

const id = z.string().regex(/^[a-z][a-z0-9-]{0,59}$/, 'lower-case letters, digits and -');
const expression = z.string().trim().min(1).max(2_000);

export const PlaybookRuleSchema = z
  .object({
    id,
    /** A JSONata expression over the facts; the rule decides when it is true. */
    when: expression,
    /** One sentence saying why these remedies, shown with the decision. */
    why: z.string().trim().min(1).max(300),
    /** What support may offer; none: nothing beyond the usual answer (say so in `why`). */
    remedies: z.array(RemedySpecSchema).default([]),
  })
  .strict();
export type PlaybookRule = z.infer<typeof PlaybookRuleSchema>;

export const PlaybookSchema = z
  .object({
    id,
    title: z.string().trim().min(1).max(120),
    /** The situation a caller reports (`?situation=`), e.g. damaged_item. */
    situation: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case letters, digits and _'),
    /**
     * Optional: when the facts show the situation without anyone reporting it (a parcel overdue).
     * A JSONata expression over the facts.
     */
    detect: expression.optional(),
    rules: z.array(PlaybookRuleSchema).min(1),
  })
  .strict()
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.rules.forEach((r, i) => {
      if (seen.has(r.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule id ${r.id} twice` });
      seen.add(r.id);
    });
  });
export type Playbook = z.infer<typeof PlaybookSchema>;
