import jsonata from 'jsonata';
import { type RemedyAction } from '../actions/remedy-actions';
import { type Order } from '../canonical';
import { type Facts } from './playbook.facts';
import { type Channel, type Playbook, type RemedyKind, type RemedySpec } from './playbook.schema';
import { type Money, type NoAmount, remedyAmount } from './remedy-amount';

/** The hub action that carries a remedy out (POST /v1/orders/{n}/actions), where one exists. */
const ACTION_OF: Partial<Record<RemedyKind, RemedyAction>> = {
  refund: 'refund',
  replacement: 'replacement',
  // Sending the order again is a replacement order of its items.
  reship: 'replacement',
  store_credit: 'store_credit',
};

export interface RemedyOffer {
  remedy: RemedyKind;
  amount?: Money;
  channels: Channel[];
  approval: boolean;
  team?: string;
  /** The action type that carries it out through the actions pipeline; absent: done by hand. */
  action?: RemedyAction;
}

/** What one playbook decided for an order: which rule matched, why, and what support may offer. */
export interface Decision {
  /** In a customer's context: the order it is about. */
  orderNumber?: string;
  playbook: string;
  title: string;
  situation: string;
  /** reported: the caller named the situation; detected: the facts showed it (`detect`). */
  by: 'reported' | 'detected';
  rule: string;
  why: string;
  remedies: RemedyOffer[];
}

/** A rule whose condition could not be evaluated: it did not match, and says why. */
export interface RuleError {
  playbook: string;
  rule: string;
  error: string;
}

export class PlaybookCompileError extends Error {
  constructor(
    readonly playbook: string,
    readonly where: string,
    message: string,
  ) {
    super(`playbook ${playbook}, ${where}: ${message}`);
    this.name = 'PlaybookCompileError';
  }
}

type Expression = ReturnType<typeof jsonata>;

interface Compiled {
  playbook: Playbook;
  detect?: Expression;
  rules: { id: string; when: Expression; why: string; remedies: RemedySpec[] }[];
}

/**
 * Playbooks compiled once (every JSONata condition parsed at boot, so a typo stops the hub with
 * the file and rule named) and evaluated per order. Pure: the facts and the order in, decisions
 * out; the same inputs give the same decisions in every channel.
 */
export class PlaybookEngine {
  private readonly compiled: Compiled[];

  constructor(readonly playbooks: readonly Playbook[]) {
    this.compiled = playbooks.map((p) => ({
      playbook: p,
      ...(p.detect ? { detect: compile(p.id, 'detect', p.detect) } : {}),
      rules: p.rules.map((r) => ({ ...r, when: compile(p.id, `rule ${r.id}`, r.when) })),
    }));
  }

  /** Every playbook's decision for the order, reported situations and detected ones. */
  async decide(
    facts: Facts,
    order: Order,
    skus: readonly string[] | undefined,
  ): Promise<{ decisions: Decision[]; errors: RuleError[] }> {
    const decisions: Decision[] = [];
    const errors: RuleError[] = [];
    // What is not known is absent to a condition, not null: `daysPastEstimate >= 7` is then simply
    // false, where JSONata would refuse to compare null with a number.
    const input = JSON.parse(JSON.stringify(facts, (_, v: unknown) => (v === null ? undefined : v))) as Facts;
    for (const c of this.compiled) {
      const reported = facts.situation === c.playbook.situation;
      const detected =
        !reported && c.detect ? await holds(c.detect, input, c.playbook.id, 'detect', errors) : false;
      if (!reported && !detected) continue;
      for (const rule of c.rules) {
        if (!(await holds(rule.when, input, c.playbook.id, rule.id, errors))) continue;
        decisions.push({
          playbook: c.playbook.id,
          title: c.playbook.title,
          situation: c.playbook.situation,
          by: reported ? 'reported' : 'detected',
          rule: rule.id,
          why: rule.why,
          remedies: rule.remedies.flatMap((spec) => offer(spec, order, skus) ?? []),
        });
        break;
      }
    }
    return { decisions, errors };
  }
}

/** What a channel may offer: a bot sees only the remedies its channel lists, never more. */
export function forChannel(decisions: readonly Decision[], channel: Channel): Decision[] {
  return decisions.map((d) => ({ ...d, remedies: d.remedies.filter((r) => r.channels.includes(channel)) }));
}

/**
 * The remedy as this order gets it, or nothing: a refund with nothing left to refund, or a sum the
 * playbook names for other currencies only, is not offered. An amount the hub cannot work out
 * (prices or currency unknown) leaves the remedy to a person: agents only, amount theirs to set.
 */
function offer(spec: RemedySpec, order: Order, skus: readonly string[] | undefined): RemedyOffer | undefined {
  let amount: Money | NoAmount | undefined;
  if (spec.amount) {
    try {
      amount = remedyAmount(spec.amount, order, skus);
    } catch {
      amount = 'unknown'; // a currency ISO 4217 does not list
    }
  }
  if (amount === 'nothing_left' || amount === 'currency_not_named') return undefined;
  const channels = amount === 'unknown' ? spec.channels.filter((c) => c === 'agent') : [...spec.channels];
  if (channels.length === 0) return undefined;
  const action = ACTION_OF[spec.remedy];
  return {
    remedy: spec.remedy,
    ...(amount && amount !== 'unknown' ? { amount } : {}),
    channels,
    approval: spec.approval,
    ...(spec.team ? { team: spec.team } : {}),
    ...(action ? { action } : {}),
  };
}

function compile(playbook: string, where: string, source: string): Expression {
  try {
    return jsonata(source);
  } catch (error) {
    throw new PlaybookCompileError(
      playbook,
      where,
      `invalid JSONata expression: ${(error as Error).message}`,
    );
  }
}

/** Only `true` holds: a condition that yields a number, a string or nothing does not. */
async function holds(
  expression: Expression,
  facts: Facts,
  playbook: string,
  rule: string,
  errors: RuleError[],
): Promise<boolean> {
  try {
    return (await expression.evaluate(facts)) === true;
  } catch (error) {
    errors.push({ playbook, rule, error: (error as Error).message });
    return false;
  }
}
