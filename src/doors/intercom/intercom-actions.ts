import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
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
 * of `POST /v1/orders/{n}/actions`. ActionsModule is built per config (ActionsModule.forConfig) and
 * exports neither service, so they are looked up in the application once it is assembled.
 */
@Injectable()
export class IntercomActions implements OnModuleInit {
  private actions?: ActionsService;
  private tasks?: TasksService;

  constructor(@Inject(ModuleRef) private readonly modules: ModuleRef) {}

  onModuleInit(): void {
    this.actions = this.modules.get(ActionsService, { strict: false });
    this.tasks = this.modules.get(TasksService, { strict: false });
  }

  /** Requests an action (or finds the one this key already requested under the same idempotency key). */
  async request(
    principal: ApiKeyPrincipal,
    orderNumber: string,
    idempotencyKey: string,
    body: ActionBody,
  ): Promise<ActionOutcome> {
    const { action } = await this.service().submit(principal, orderNumber, idempotencyKey, body);
    return this.withTask(action);
  }

  /** Where an action stands now (404 problem for an action this key did not request). */
  async status(principal: ApiKeyPrincipal, actionId: string): Promise<ActionOutcome> {
    return this.withTask(await this.service().get(principal, actionId));
  }

  private async withTask(action: ActionView): Promise<ActionOutcome> {
    if (!action.taskId || !this.tasks) return { action };
    try {
      const task = await this.tasks.get(action.taskId);
      return { action, task: { id: task.id, kind: task.kind, status: task.status, title: task.title } };
    } catch {
      // The action was taken whatever the task's read says: it is shown with the task's id alone.
      return { action };
    }
  }

  private service(): ActionsService {
    if (!this.actions) throw new Error('IntercomActions used before the application was initialised');
    return this.actions;
  }
}
