import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { type DecidedBody } from '../actions/action-request.schema';
import { ActionsService } from '../actions/actions.service';
import { type CheckedDecision } from '../actions/decision-check';
import { HubException } from '../common/problem';
import { compareDecimals } from '../money';
import { type Decision, type RemedyOffer } from './playbook.engine';
import { RemediesService } from './remedies.service';

type Checked = DecidedBody;

/**
 * Holds an action that names a playbook decision to that decision (docs/playbooks.md "Carrying a
 * remedy out"): the hub decides again for the order, as an agent would see it now, and refuses a
 * remedy the decision does not offer, a larger amount, or items not reported; a remedy the
 * playbook marks `approval` waits for a second person. Actions reach the hub through agents'
 * tools (helpdesks, the console), so the agent channel's offers are the ones that count.
 */
@Injectable()
export class RemedyGate implements OnModuleInit {
  constructor(
    @Inject(RemediesService) private readonly remedies: RemediesService,
    @Inject(ActionsService) private readonly actions: ActionsService,
  ) {}

  onModuleInit(): void {
    this.actions.checkDecisionsWith((orderNumber, body) => this.check(orderNumber, body));
  }

  async check(orderNumber: string, body: Checked): Promise<CheckedDecision> {
    const ref = body.decision;
    const playbook = this.remedies.engine.playbooks.find((p) => p.id === ref.playbook);
    if (!playbook) {
      const known = this.remedies.engine.playbooks.map((p) => p.id).join(', ');
      throw refused(
        'decision_not_found',
        `No playbook "${ref.playbook}" is loaded; known: ${known}.`,
        'decision.playbook',
      );
    }
    // A note records the decision the agent acted on (in the order or the customer's CRM record):
    // nothing is granted, so it is not decided again (the rule may have moved on because of the
    // remedy it records).
    if (body.type === 'note') {
      if (!playbook.rules.some((r) => r.id === ref.rule)) {
        const rules = playbook.rules.map((r) => r.id).join(', ');
        throw refused(
          'decision_not_found',
          `Playbook ${playbook.id} has no rule "${ref.rule}"; its rules: ${rules}.`,
          'decision.rule',
        );
      }
      return { decision: { playbook: playbook.id, rule: ref.rule, situation: playbook.situation } };
    }
    const context = await this.remedies.context(orderNumber);
    if (!context.remedies) {
      throw new HubException(
        503,
        'remedies_unknown',
        'Service unavailable',
        `The remedies already granted on order ${orderNumber} cannot be read now, so a new one cannot be decided; try again shortly.`,
      );
    }
    // The decision as the agent saw it: detected by the order's own facts, else for the situation reported.
    const seen = async (situation?: string) =>
      (await this.remedies.decide(context, { situation, skus: ref.skus }, 'agent')).decisions.find(
        (d) => d.playbook === playbook.id,
      );
    const decision = (await seen()) ?? (await seen(playbook.situation));
    if (!decision) {
      throw refused(
        'decision_changed',
        `Playbook ${playbook.id} decides nothing for order ${orderNumber} now.`,
      );
    }
    if (decision.rule !== ref.rule) {
      throw refused(
        'decision_changed',
        `Playbook ${playbook.id} now decides order ${orderNumber} by rule ${decision.rule} (${decision.why}), ` +
          `not ${ref.rule}: read its remedies again.`,
        'decision.rule',
      );
    }
    const recorded = { playbook: playbook.id, rule: decision.rule, situation: decision.situation };
    const offer = chooseOffer(body, decision);
    const items = body.type === 'replacement' ? replacementItems(body, ref.skus) : undefined;
    return {
      decision: { ...recorded, remedy: offer.remedy },
      ...(offer.approval
        ? {
            approval: `playbook ${playbook.id}, rule ${decision.rule}, offers ${offer.remedy} with a second person's approval`,
          }
        : {}),
      ...(items ? { items } : {}),
    };
  }
}

function refused(code: string, detail: string, path?: string): HubException {
  return new HubException(
    422,
    code,
    'Not what the playbook offers',
    detail,
    path ? [{ path, message: detail }] : undefined,
  );
}

function notOffered(type: string, decision: Decision): string {
  const offered = decision.remedies.filter((r) => r.action).map((r) => r.action);
  return (
    `Playbook ${decision.playbook}, rule ${decision.rule}, offers no ${type} for this order` +
    (offered.length
      ? `; it offers ${[...new Set(offered)].join(', ')}.`
      : '; nothing it offers is an action.')
  );
}

/**
 * The offer the action carries out: of those of its type, the first the amount fits without
 * approval, else the first it fits with approval (a rule may offer 20 % at once and a full refund
 * with approval). None fits: the first's refusal says why.
 */
function chooseOffer(body: Checked, decision: Decision): RemedyOffer {
  const offers = decision.remedies.filter((r) => r.action === body.type);
  if (!offers.length) throw refused('remedy_not_offered', notOffered(body.type, decision), 'type');
  const fits = offers.filter((o) => amountProblem(body, o) === undefined);
  const chosen = fits.find((o) => !o.approval) ?? fits[0];
  if (chosen) return chosen;
  throw amountProblem(body, offers[0])!;
}

/** A refund or credit at most what the offer names, in its currency; an offer without one is the agent's to size. */
function amountProblem(body: Checked, offer: RemedyOffer): HubException | undefined {
  if ((body.type !== 'refund' && body.type !== 'store_credit') || !offer.amount) return undefined;
  const { amount, currency } = body.amount;
  if (currency !== offer.amount.currency) {
    return refused(
      'remedy_amount_exceeds_offer',
      `The playbook offers ${offer.amount.amount} ${offer.amount.currency}, not an amount in ${currency}.`,
      'amount.currency',
    );
  }
  if ((compareDecimals(amount, offer.amount.amount) ?? 1) === 1) {
    return refused(
      'remedy_amount_exceeds_offer',
      `${amount} ${currency} is more than the ${offer.amount.amount} ${currency} the playbook offers.`,
      'amount.amount',
    );
  }
  return undefined;
}

/** A replacement of the items reported (default), or of some of them. */
function replacementItems(
  body: Extract<Checked, { type: 'replacement' }>,
  reported: readonly string[] | undefined,
): { sku: string; quantity?: number }[] | undefined {
  if (!reported) return body.items;
  if (!body.items) return reported.map((sku) => ({ sku }));
  const allowed = new Set(reported.map((s) => s.toUpperCase()));
  const other = body.items.filter((i) => !allowed.has(i.sku.toUpperCase()));
  if (other.length) {
    throw refused(
      'remedy_not_offered',
      `The decision is about ${reported.join(', ')}; it offers no replacement of ${other.map((i) => i.sku).join(', ')}.`,
      'items',
    );
  }
  return body.items;
}
