import { type GrantedRemedy, stillGranted } from '../actions/granted-remedies';
import { type Customer, type Order, type SupportCase } from '../canonical';
import { type Insights } from '../insights/insights.schema';
import { type Decision, type PlaybookEngine, type RuleError } from './playbook.engine';
import { factsOf } from './playbook.facts';

/**
 * The playbooks' decisions for the situations an order shows by itself (docs/playbooks.md), from
 * what an answer already holds: the order, its customer and cases, its insights and the remedies
 * granted on it (null: unknown). The order context and the customer context both decide here, so
 * the same order gets the same decision in either.
 */
export async function detectedDecisions(
  engine: PlaybookEngine,
  input: {
    order: Order;
    customer: Customer | null;
    cases: readonly SupportCase[];
    insights: Insights;
    remedies: readonly GrantedRemedy[] | null;
  },
  now = new Date(),
): Promise<{ decisions: Decision[]; errors: RuleError[] }> {
  const granted = input.remedies && stillGranted(input.remedies);
  return engine.decide(factsOf({ ...input, granted }, {}, now), input.order, undefined);
}
