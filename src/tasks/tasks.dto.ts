import { createZodDto } from 'nestjs-zod';
import {
  ClaimBodySchema,
  ResolveBodySchema,
  TaskClaimedProblemSchema,
  TaskIdParamsSchema,
  TaskListSchema,
  TaskQuerySchema,
  TaskViewSchema,
} from './task.schemas';

export class Task extends createZodDto(TaskViewSchema) {}
export class TaskList extends createZodDto(TaskListSchema) {}
export class TaskQuery extends createZodDto(TaskQuerySchema) {}
export class TaskIdParams extends createZodDto(TaskIdParamsSchema) {}
export class ClaimBody extends createZodDto(ClaimBodySchema) {}
export class ResolveBody extends createZodDto(ResolveBodySchema) {}
export class TaskClaimedProblem extends createZodDto(TaskClaimedProblemSchema) {}
