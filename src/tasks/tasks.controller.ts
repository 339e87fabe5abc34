import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type FastifyRequest } from 'fastify';
import { type ApiKeyPrincipal } from '../auth/api-key.store';
import { Principal } from '../auth/principal.decorator';
import { RequireScopes } from '../auth/scopes.decorator';
import { Problem } from '../context/context.dto';
import {
  ClaimBody,
  ResolveBody,
  Task,
  TaskClaimedProblem,
  TaskIdParams,
  TaskList,
  TaskQuery,
} from './tasks.dto';
import { resolveTask } from './resolve-task';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/tasks')
export class TasksController {
  constructor(@Inject(TasksService) private readonly tasks: TasksService) {}

  @Get()
  @RequireScopes('tasks:read', 'tasks:write')
  @ApiOperation({
    operationId: 'listTasks',
    summary: 'Manual-backup tasks, newest first',
    description: 'status: open, claimed, resolved, or active (open or claimed; the default).',
  })
  @ApiOkResponse({ type: TaskList })
  @ApiResponse({ status: 400, type: Problem, description: 'a query parameter out of its range' })
  async list(@Query() query: TaskQuery): Promise<TaskList> {
    const { rows, total } = await this.tasks.list(query);
    return { tasks: rows.map((r) => this.tasks.toView(r)), total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @RequireScopes('tasks:read', 'tasks:write')
  @ApiOperation({
    operationId: 'getTask',
    summary: 'One task: what failed, the steps by hand, the deep link, who did it',
    description:
      'A manual-backup task: the action that could not run (or waits for approval), the instructions to do it ' +
      'by hand, a link into the vendor, who claimed it, and how it was resolved.',
  })
  @ApiOkResponse({ type: Task })
  @ApiResponse({ status: 400, type: Problem, description: 'id is not a task id' })
  @ApiResponse({ status: 404, type: Problem })
  async get(@Param() params: TaskIdParams): Promise<Task> {
    return this.tasks.toView(await this.tasks.get(params.id));
  }

  @Post(':id/claim')
  @HttpCode(200)
  @RequireScopes('tasks:write')
  @ApiOperation({
    operationId: 'claimTask',
    summary: 'Take a task so others see someone is on it',
    description:
      'The claim records the person (`by`, default: the API key name) and the API key: only they resolve the task ' +
      'afterwards (or an admin key with override). Claiming again as the same person through the same key is a no-op.',
  })
  @ApiOkResponse({ type: Task })
  @ApiResponse({ status: 400, type: Problem, description: 'id is not a task id, or the body is not { by }' })
  @ApiResponse({ status: 404, type: Problem })
  @ApiResponse({
    status: 409,
    type: TaskClaimedProblem,
    description: 'task_not_open: claimed by someone else (claimedBy, claimedKey say who), or resolved',
  })
  async claim(
    @Principal() principal: ApiKeyPrincipal,
    @Param() params: TaskIdParams,
    @Body() body: ClaimBody,
  ): Promise<Task> {
    return this.tasks.toView(await this.tasks.claim(params.id, body?.by ?? principal.name, principal.name));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequireScopes('tasks:write')
  @ApiOperation({
    operationId: 'resolveTask',
    summary:
      'Close a task; its action follows (done → succeeded, cancelled/rejected → cancelled, approved → runs)',
    description:
      'An open task: anyone with tasks:write. A claimed task: only whoever claimed it, the same person (`by`, ' +
      'default: the API key name) through the same API key; anyone else gets 409 task_claimed_by_other naming ' +
      'the holder. An admin key may resolve it anyway with `"override": true`: the task keeps claimedBy and ' +
      'says claimOverridden, and the audit row has outcome claim_overridden and whose claim it was.',
  })
  @ApiOkResponse({ type: Task })
  @ApiResponse({
    status: 400,
    type: Problem,
    description: "id is not a task id, or an outcome this task's kind does not take",
  })
  @ApiResponse({ status: 404, type: Problem })
  @ApiResponse({
    status: 403,
    type: Problem,
    description:
      'self_approval: a key approving its own refund; insufficient_scope: override without the admin scope',
  })
  @ApiResponse({
    status: 409,
    type: TaskClaimedProblem,
    description:
      'task_claimed_by_other: someone else holds it (claimedBy, claimedKey, claimedAt); task_already_resolved',
  })
  async resolve(
    @Principal() principal: ApiKeyPrincipal,
    @Param() params: TaskIdParams,
    @Body() body: ResolveBody,
    @Req() req: FastifyRequest,
  ): Promise<Task> {
    const row = await resolveTask(this.tasks, principal, params.id, body, req);
    return this.tasks.toView(row);
  }
}
