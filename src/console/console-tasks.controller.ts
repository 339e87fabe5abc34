import { Body, Controller, Get, Inject, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { ActionStore } from '../actions/action.store';
import { ActionsService } from '../actions/actions.service';
import { Public } from '../auth/scopes.decorator';
import { HubException } from '../common/problem';
import { resolveTask } from '../tasks/resolve-task';
import { TaskIdParamsSchema, TaskQuerySchema } from '../tasks/task.schemas';
import { TasksService } from '../tasks/tasks.service';
import { ConsoleAccess, type ConsoleRequest } from './console-access';
import { ConsoleErrorFilter } from './console-error.filter';
import { DoneQuerySchema, firstIssue, ResolveFormSchema } from './console-forms';
import { asPage } from './console-headers';
import { type Notice } from './pages/layout';
import { actingAs, taskPage } from './pages/task.page';
import { tasksPage } from './pages/tasks.page';

const DONE: Record<'claimed' | 'resolved', string> = {
  claimed: 'You claimed this task. Only you can resolve it now.',
  resolved: 'Resolved. The action this task stood for follows your outcome (below).',
};

/** Manual-backup tasks: the list, one task, and claiming and resolving it from a form. */
@ApiExcludeController()
@Controller('console/tasks')
@Public()
@ConsoleAccess('tasks:read', 'tasks:write')
@UseFilters(ConsoleErrorFilter)
export class ConsoleTasksController {
  constructor(
    @Inject(TasksService) private readonly tasks: TasksService,
    @Inject(ActionStore) private readonly actionStore: ActionStore,
    @Inject(ActionsService) private readonly actions: ActionsService,
  ) {}

  @Get()
  async list(
    @Req() req: ConsoleRequest,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = asPage(reply, req);
    const parsed = TaskQuerySchema.safeParse(query ?? {});
    if (!parsed.success) throw HubException.badRequest(firstIssue(parsed.error));
    const { rows, total } = await this.tasks.list(parsed.data);
    return tasksPage(viewer, parsed.data, { tasks: rows.map((r) => this.tasks.toView(r)), total }).text;
  }

  @Get(':id')
  async one(
    @Req() req: ConsoleRequest,
    @Param() params: unknown,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    asPage(reply, req);
    const done = DoneQuerySchema.safeParse(query ?? {});
    const notice =
      done.success && done.data.done ? { kind: 'ok' as const, text: DONE[done.data.done] } : undefined;
    return this.show(req, this.idOf(params), notice);
  }

  @Post(':id/claim')
  @ConsoleAccess('tasks:write')
  async claim(
    @Req() req: ConsoleRequest,
    @Param() params: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = asPage(reply, req);
    const id = this.idOf(params);
    try {
      await this.tasks.claim(id, actingAs(viewer), viewer.key);
    } catch (error) {
      return this.refused(req, reply, id, error);
    }
    return this.after(reply, id, 'claimed');
  }

  @Post(':id/resolve')
  @ConsoleAccess('tasks:write')
  async resolve(
    @Req() req: ConsoleRequest,
    @Param() params: unknown,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = asPage(reply, req);
    const id = this.idOf(params);
    const form = ResolveFormSchema.safeParse(body ?? {});
    if (!form.success) {
      return this.refused(req, reply, id, HubException.badRequest(firstIssue(form.error)));
    }
    try {
      const { outcome, note, override } = form.data;
      await resolveTask(
        this.tasks,
        req.principal!,
        id,
        { outcome, note, override: override || undefined, by: actingAs(viewer) },
        req,
      );
    } catch (error) {
      return this.refused(req, reply, id, error);
    }
    return this.after(reply, id, 'resolved');
  }

  private idOf(params: unknown): string {
    const parsed = TaskIdParamsSchema.safeParse(params);
    if (!parsed.success) throw HubException.badRequest(firstIssue(parsed.error));
    return parsed.data.id;
  }

  /**
   * The task with where its action stands: its status, attempts and outcome, which whoever works
   * the task needs. What was asked (the note's text, an email) only for a key that may read the
   * action itself (GET /v1/actions/{id}'s rule: its own, or admin).
   */
  private async show(req: ConsoleRequest, id: string, notice?: Notice): Promise<string> {
    const task = this.tasks.toView(await this.tasks.get(id));
    const row = task.actionId ? await this.actionStore.get(task.actionId) : null;
    const principal = req.principal!;
    const action = row
      ? {
          view: this.actions.toView(row),
          showAsked: principal.scopes.has('admin') || row.apiKeyName === principal.name,
        }
      : undefined;
    return taskPage(req.viewer!, task, action, { notice }).text;
  }

  /** Post, redirect, get: a reload does not send the form again. */
  private after(reply: FastifyReply, id: string, done: 'claimed' | 'resolved'): string {
    reply.code(303).header('location', `/console/tasks/${id}?done=${done}`);
    return '';
  }

  /** The task again, saying why the hub refused (the API's status and detail). */
  private async refused(
    req: ConsoleRequest,
    reply: FastifyReply,
    id: string,
    error: unknown,
  ): Promise<string> {
    if (!(error instanceof HubException) || error.status === 404) throw error;
    reply.code(error.status);
    return this.show(req, id, { kind: 'error', text: error.detail ?? error.title });
  }
}
