import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { type ApiKeyPrincipal } from '../auth/api-key.store';
import { Principal } from '../auth/principal.decorator';
import { RequireScopes } from '../auth/scopes.decorator';
import { Problem } from '../context/context.dto';
import { ClaimBody, ResolveBody, Task, TaskIdParams, TaskList, TaskQuery } from './tasks.dto';
import { TasksService } from './tasks.service';

@ApiTags('tasks')
@ApiBearerAuth()
@Controller('v1/tasks')
export class TasksController {
  constructor(@Inject(TasksService) private readonly tasks: TasksService) {}

  @Get()
  @RequireScopes('tasks:read', 'tasks:write')
  @ApiOperation({
    summary: 'Manual-backup tasks, newest first',
    description: 'status: open, claimed, resolved, or active (open or claimed; the default).',
  })
  @ApiOkResponse({ type: TaskList })
  async list(@Query() query: TaskQuery): Promise<TaskList> {
    const { rows, total } = await this.tasks.list(query);
    return { tasks: rows.map((r) => this.tasks.toView(r)), total, limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @RequireScopes('tasks:read', 'tasks:write')
  @ApiOperation({ summary: 'One task: what failed, the steps by hand, the deep link, who did it' })
  @ApiOkResponse({ type: Task })
  @ApiResponse({ status: 404, type: Problem })
  async get(@Param() params: TaskIdParams): Promise<Task> {
    return this.tasks.toView(await this.tasks.get(params.id));
  }

  @Post(':id/claim')
  @HttpCode(200)
  @RequireScopes('tasks:write')
  @ApiOperation({ summary: 'Take a task so others see someone is on it' })
  @ApiOkResponse({ type: Task })
  @ApiResponse({ status: 409, type: Problem, description: 'claimed by someone else, or resolved' })
  async claim(
    @Principal() principal: ApiKeyPrincipal,
    @Param() params: TaskIdParams,
    @Body() body: ClaimBody,
  ): Promise<Task> {
    return this.tasks.toView(await this.tasks.claim(params.id, body?.by ?? principal.name));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @RequireScopes('tasks:write')
  @ApiOperation({
    summary:
      'Close a task; its action follows (done → succeeded, cancelled/rejected → cancelled, approved → runs)',
  })
  @ApiOkResponse({ type: Task })
  @ApiResponse({ status: 400, type: Problem, description: "an outcome this task's kind does not take" })
  @ApiResponse({ status: 403, type: Problem, description: 'a key approving its own refund' })
  @ApiResponse({ status: 409, type: Problem, description: 'already resolved' })
  async resolve(
    @Principal() principal: ApiKeyPrincipal,
    @Param() params: TaskIdParams,
    @Body() body: ResolveBody,
  ): Promise<Task> {
    const row = await this.tasks.resolve(params.id, {
      ...body,
      by: body.by ?? principal.name,
      keyName: principal.name,
    });
    return this.tasks.toView(row);
  }
}
