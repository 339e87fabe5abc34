import { ACTIONS_EXAMPLES } from './actions.examples';
import { AUDIT_EXAMPLES } from './audit.examples';
import { BOTS_EXAMPLES } from './bots.examples';
import { CARDS_EXAMPLES } from './cards.examples';
import { CONTEXT_EXAMPLES } from './context.examples';
import { DOORS_EXAMPLES } from './doors.examples';
import { HEALTH_EXAMPLES } from './health.examples';
import { MONITORING_EXAMPLES } from './monitoring.examples';
import { type OperationExamples } from './operation-examples';
import { PLAYBOOKS_EXAMPLES } from './playbooks.examples';
import { TASKS_EXAMPLES } from './tasks.examples';
import { WEBHOOKS_EXAMPLES } from './webhooks.examples';

export { type OperationExamples } from './operation-examples';

/**
 * The examples of every operation of the OpenAPI document, by operationId: each area's own file
 * merged. Checked against the schemas the endpoints use in test/unit/openapi/examples.spec.ts.
 */
export const OPERATION_EXAMPLES: Readonly<Record<string, OperationExamples>> = Object.freeze({
  ...ACTIONS_EXAMPLES,
  ...AUDIT_EXAMPLES,
  ...BOTS_EXAMPLES,
  ...CARDS_EXAMPLES,
  ...CONTEXT_EXAMPLES,
  ...DOORS_EXAMPLES,
  ...HEALTH_EXAMPLES,
  ...MONITORING_EXAMPLES,
  ...PLAYBOOKS_EXAMPLES,
  ...TASKS_EXAMPLES,
  ...WEBHOOKS_EXAMPLES,
});
