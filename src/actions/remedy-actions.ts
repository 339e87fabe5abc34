/**
 * The action types that grant a customer something (docs/playbooks.md "Carrying a remedy out"):
 * what carries a playbook's remedy out, and what a second remedy is weighed against.
 */
export const REMEDY_ACTIONS = ['refund', 'replacement', 'store_credit'] as const;
export type RemedyAction = (typeof REMEDY_ACTIONS)[number];
