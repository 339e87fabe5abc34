import { createZodDto } from 'nestjs-zod';
import { ActionIdParamsSchema, ActionViewSchema } from './action-request.schema';

export class Action extends createZodDto(ActionViewSchema) {}
export class ActionIdParams extends createZodDto(ActionIdParamsSchema) {}
