import { Inject, Injectable } from '@nestjs/common';
import { z } from 'zod';
import {
  ActionBodySchema,
  ActionIdParamsSchema,
  ActionViewSchema,
  IdempotencyKeySchema,
} from '../../actions/action-request.schema';
import { ActionsService } from '../../actions/actions.service';
import { OrderNumberInput } from '../../common/inputs';
import { type HubTool, type McpCall } from '../mcp-tool';

const RequestActionInput = z.object({
  orderNumber: OrderNumberInput.describe("the number the customer sees, with or without '#'"),
  idempotencyKey: IdempotencyKeySchema.describe(
    'unique per intended action (a UUID): sending the same key and action again returns the first ' +
      'request instead of acting twice; the same key with another action is refused (idempotency_key_reused)',
  ),
  action: ActionBodySchema,
});
type RequestActionArgs = z.output<typeof RequestActionInput>;

/** POST /v1/orders/{orderNumber}/actions as a tool: the same idempotency, limits, approvals and queue. */
@Injectable()
export class RequestActionTool implements HubTool<typeof RequestActionInput, typeof ActionViewSchema> {
  readonly name = 'request_action';
  readonly title = 'Cancel, refund or annotate an order';
  readonly description =
    'Asks the hub to cancel an order, refund part or all of it, or add a note to it (in the shop or the ' +
    "customer's CRM record). The hub stores the request and runs it in the background with retries, so the " +
    'answer is the action as accepted: `status` queued, then succeeded or failed (read it with get_action). ' +
    "A refund above this key's limit waits for a person's approval (status manual, with taskId); what " +
    'cannot be done now becomes a task for a person (status manual). Confirm with the customer before a ' +
    'cancel or refund.';
  readonly scope = 'actions:write' as const;
  readonly input = RequestActionInput;
  readonly output = ActionViewSchema;
  readonly hints = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true };

  constructor(@Inject(ActionsService) private readonly actions: ActionsService) {}

  subject(args: RequestActionArgs) {
    return { type: 'order' as const, subject: args.orderNumber };
  }

  async run(args: RequestActionArgs, call: McpCall) {
    const { action } = await this.actions.submit(
      call.principal,
      args.orderNumber,
      args.idempotencyKey,
      args.action,
    );
    return action;
  }
}

type ActionIdArgs = z.output<typeof ActionIdParamsSchema>;

/** GET /v1/actions/{id} as a tool: only the key's own actions (admin: any). */
@Injectable()
export class GetActionTool implements HubTool<typeof ActionIdParamsSchema, typeof ActionViewSchema> {
  readonly name = 'get_action';
  readonly title = 'How an action went';
  readonly description =
    "An action's status (queued, running, retrying, succeeded, failed, manual, cancelled), attempts, last error, " +
    'result, or how a person resolved it. Only actions this API key requested.';
  readonly scope = 'actions:write' as const;
  readonly input = ActionIdParamsSchema;
  readonly output = ActionViewSchema;
  readonly hints = { readOnlyHint: true, idempotentHint: true, openWorldHint: false };

  constructor(@Inject(ActionsService) private readonly actions: ActionsService) {}

  subject(args: ActionIdArgs) {
    return { type: 'action' as const, subject: args.id };
  }

  run(args: ActionIdArgs, call: McpCall) {
    return this.actions.get(call.principal, args.id);
  }
}
