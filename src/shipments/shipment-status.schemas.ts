import { z } from 'zod';
import { MoneySchema } from '../canonical/money.schema';
import { REMEDY_KINDS } from '../playbooks/playbook.schema';
import { ShipmentStatus } from '../canonical';
import { SourceStatusSchema } from '../context/context.schemas';
import { EmailInput, OrderNumberInput } from '../common/inputs';
import { BOT_LOCALES, LocaleInput } from './bot-locale';

export const ShipmentStatusQuerySchema = z
  .object({
    orderNumber: OrderNumberInput,
    email: EmailInput.optional(),
    postalCode: z.string().trim().min(2).max(16).optional(),
    locale: LocaleInput.optional().describe(
      'the language of `message` (en, de, fr, es, it, nl, ja; de-CH reads as de); wins over Accept-Language; ' +
        'another language, or none, is answered in English',
    ),
  })
  .refine((q) => q.email !== undefined || q.postalCode !== undefined, {
    path: ['email'],
    message: 'give email or postalCode as the second factor',
  });
export type ShipmentStatusQuery = z.infer<typeof ShipmentStatusQuerySchema>;

/** What a bot may know of a source: its state and an error code, never messages or admin links. */
export const BotSourceStatusSchema = SourceStatusSchema.pick({
  connector: true,
  system: true,
  status: true,
  fetchedAt: true,
  ageSeconds: true,
}).extend({ error: z.object({ code: z.string() }).optional() });

/**
 * The bot's answer: safe and minimal. No names, addresses, emails, phone numbers, payment data or
 * prices; built field by field from an allow-list, never by deleting from the full context.
 */
export const ShipmentStatusResponseSchema = z.object({
  orderNumber: z.string(),
  status: ShipmentStatus.describe("overall: the least advanced shipment's status"),
  message: z.string().describe('one plain-language sentence a bot can say or type, in `locale`'),
  locale: z
    .enum(BOT_LOCALES)
    .describe('the language `message` is written in (also the Content-Language header)'),
  shipments: z.array(
    z.object({
      carrier: z.string().optional(),
      trackingNumber: z.string().optional(),
      trackingUrl: z.string().optional(),
      status: ShipmentStatus,
      estimatedDeliveryAt: z.string().optional(),
      deliveredAt: z.string().optional(),
      lastEvent: z
        .object({ at: z.string(), description: z.string(), location: z.string().optional() })
        .optional(),
    }),
  ),
  escalate: z.boolean(),
  escalationReasons: z.array(z.string()).describe('flag codes, e.g. "delivery_exception"'),
  offers: z
    .array(
      z.object({
        remedy: z.enum(REMEDY_KINDS),
        amount: MoneySchema.optional(),
        team: z.string().optional().describe('escalate: the team that takes it'),
        approval: z.boolean().describe('a person approves it before it happens: promise no more than that'),
        situation: z.string().describe('the situation the playbook answers, e.g. where_is_my_order'),
        rule: z.string().describe("the playbook's rule that decided, the same as an agent's answer names"),
      }),
    )
    .describe(
      'what a bot may offer now (docs/playbooks.md): the remedies the playbooks list for bots, for what the order ' +
        'shows by itself (a parcel lost or late); never more than that. Empty: nothing to offer',
    ),
  sources: z.array(BotSourceStatusSchema),
});
export type ShipmentStatusResponse = z.infer<typeof ShipmentStatusResponseSchema>;
