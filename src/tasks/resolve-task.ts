import { noteForAudit } from '../audit/audit-note';
import { type ApiKeyPrincipal } from '../auth/api-key.store';
import { HubException } from '../common/problem';
import { type TaskRow } from './task.entity';
import { type ResolveBody } from './task.schemas';
import { type TasksService } from './tasks.service';

/**
 * Resolving a task for a caller, the same through the API and the ops console: an override needs
 * the admin scope, and a resolution over someone's claim says so in the audit trail.
 */
export async function resolveTask(
  tasks: TasksService,
  principal: ApiKeyPrincipal,
  id: string,
  body: ResolveBody,
  req: object,
): Promise<TaskRow> {
  if (body.override && !principal.scopes.has('admin')) {
    throw new HubException(
      403,
      'insufficient_scope',
      'Forbidden',
      `API key "${principal.name}" lacks the scope admin, which "override" needs.`,
    );
  }
  const row = await tasks.resolve(id, { ...body, by: body.by ?? principal.name, keyName: principal.name });
  if (row.claimOverridden) {
    noteForAudit(req, {
      outcome: 'claim_overridden',
      detail:
        `resolved by ${row.resolvedBy} (${row.outcome}) over the claim of ${row.claimedBy}` +
        (row.claimedKey ? ` (API key ${row.claimedKey})` : ''),
    });
  }
  return row;
}
