import { z } from 'zod';
import { REMEDY_ACTIONS } from '../actions/remedy-actions';
import { MoneySchema } from '../canonical/money.schema';
import { CHANNELS, REMEDY_KINDS } from './playbook.schema';

/** What a playbook decided for an order, as answers carry it (docs/playbooks.md). */
export const RemedyOfferSchema = z
  .object({
    remedy: z.enum(REMEDY_KINDS),
    amount: MoneySchema.optional().describe('refund and store credit: never more than is left after refunds'),
    channels: z.array(z.enum(CHANNELS)),
    approval: z.boolean().describe('a second person approves it before it runs'),
    team: z.string().optional().describe('escalate: the team that takes it'),
    action: z
      .enum(REMEDY_ACTIONS)
      .optional()
      .describe('the action type (POST /v1/orders/{n}/actions) that carries it out; absent: done by hand'),
  })
  .meta({ id: 'RemedyOffer' });

export const DecisionSchema = z
  .object({
    orderNumber: z.string().optional().describe("in a customer's context: the order it is about"),
    playbook: z.string(),
    title: z.string(),
    situation: z.string(),
    by: z.enum(['reported', 'detected']).describe('the caller named the situation, or the facts showed it'),
    rule: z.string().describe('the rule that matched: the first of the playbook whose condition held'),
    why: z.string(),
    remedies: z.array(RemedyOfferSchema),
  })
  .meta({ id: 'Decision' });
