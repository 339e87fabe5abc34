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

const decimal = z.string().regex(/^\d{1,9}(\.\d{1,3})?$/, 'a decimal amount such as "25.00"');

/**
 * A sum per currency ({ USD: '10.00', JPY: '1500' }): an order in a currency the map does not
 * name is offered no such remedy, rather than 10 yen.
 */
const PerCurrency = z
  .record(z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code such as USD'), decimal)
  .refine((m) => Object.keys(m).length > 0, 'name at least one currency');
export type PerCurrency = z.infer<typeof PerCurrency>;

/**
 * How much a refund or store credit is worth: what is left of the order, a share of the items in
 * question (or of the order), or a sum; `max` caps a full or partial amount per currency.
 */
export const RemedyAmountSchema = z
  .object({
    /** What is left of the order. */
    full: z.literal(true).optional(),
    /** A share of the items in question (`of: items`, the default) or of the order's total. */
    percent: z.number().gt(0).max(100).multipleOf(0.01).optional(),
    of: z.enum(['items', 'order']).optional(),
    /** A sum per currency. */
    upTo: PerCurrency.optional(),
    /** With full or percent: at most this, per currency. */
    max: PerCurrency.optional(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const kinds = [a.full, a.percent, a.upTo].filter((v) => v !== undefined).length;
    if (kinds !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of full, percent, upTo' });
    if (a.of !== undefined && a.percent === undefined)
      ctx.addIssue({ code: 'custom', path: ['of'], message: 'of goes with percent' });
    if (a.max !== undefined && a.upTo !== undefined)
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'upTo is its own maximum' });
  });
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
