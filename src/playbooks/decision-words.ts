import { formatMoney } from '../money';
import { type Decision, type RemedyOffer } from './playbook.engine';

const REMEDY_WORDS: Record<RemedyOffer['remedy'], string> = {
  refund: 'refund',
  replacement: 'replacement',
  store_credit: 'store credit',
  reship: 'reship',
  return: 'return',
  escalate: 'escalate',
};

/** "refund $74.91 (approval)", "escalate to carrier-claims": one offer as an agent reads it. */
export function offerWords(offer: RemedyOffer): string {
  const parts = [REMEDY_WORDS[offer.remedy]];
  if (offer.amount) parts.push(formatMoney(offer.amount));
  if (offer.team) parts.push(`to ${offer.team}`);
  return parts.join(' ') + (offer.approval ? ' (approval)' : '');
}

/**
 * One decision in a line, for doors that show text (an Intercom canvas): the playbook's title,
 * the rule, and what may be offered — "Where is my order? (lost-in-transit): reship · refund
 * $74.91 (approval) · escalate to carrier-claims", or "nothing to offer".
 */
export function decisionWords(decision: Decision): string {
  const offers = decision.remedies.map(offerWords).join(' · ') || 'nothing to offer';
  return `${decision.title} (${decision.rule}): ${offers}`;
}
