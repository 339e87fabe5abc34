import { createZodDto } from 'nestjs-zod';
import { ProblemSchema } from '../common/problem';
import { OrderContextSchema, OrderNumberParamsSchema } from './context.schemas';

export class OrderNumberParamsDto extends createZodDto(OrderNumberParamsSchema) {}
export class OrderContextDto extends createZodDto(OrderContextSchema) {}
export class ProblemDto extends createZodDto(ProblemSchema) {}
