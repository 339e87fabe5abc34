import { Inject, Injectable } from '@nestjs/common';
import { type ActionBody, type ActionView } from '../../actions/action-request.schema';
import { ActionsService } from '../../actions/actions.service';
import { type ApiKeyPrincipal } from '../../auth/api-key.store';
import { TasksService } from '../../tasks/tasks.service';

/** The task an action waits on, as a teammate reads it. */
export interface ActionTask {
  id: string;
  kind: string;
  status: string;
  title: string;
}

/** An action and the task it waits on, when there is one. */
export interface ActionOutcome {
  action: ActionView;
  task?: ActionTask;
}

/**
 * The Intercom door's way into the actions pipeline: the same ActionsService the REST API calls,
 * with the door's principal, so intake, deduplication, refund limits, approvals and audit are those
 * of `POST /v1/orders/{n}/actions` (ActionsModule is global and exports both services).
 */
@Injectable()
export class IntercomActions {
  constructor(
    @Inject(ActionsService) private readonly actions: ActionsService,
    @Inject(TasksService) private readonly tasks: TasksService,
  ) {}

  /** Requests an action (or finds the one this key already requested under the same idempotency key). */
  async request(
    principal: ApiKeyPrincipal,
    orderNumber: string,
    idempotencyKey: string,
    body: ActionBody,
  ): Promise<ActionOutcome> {
    const { action } = await this.actions.submit(principal, orderNumber, idempotencyKey, body);
    return this.withTask(action);
  }

  /** Where an action stands now (404 problem for an action this key did not request). */
  async status(principal: ApiKeyPrincipal, actionId: string): Promise<ActionOutcome> {
    return this.withTask(await this.actions.get(principal, actionId));
  }

  private async withTask(action: ActionView): Promise<ActionOutcome> {
    if (!action.taskId) return { action };
    try {
      const task = await this.tasks.get(action.taskId);
      return { action, task: { id: task.id, kind: task.kind, status: task.status, title: task.title } };
    } catch {
      // The action was taken whatever the task's read says: it is shown with the task's id alone.
      return { action };
    }
  }
}
