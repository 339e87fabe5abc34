import { createZodDto } from 'nestjs-zod';
import { ProblemSchema } from '../common/problem';
import {
  CustomerContextSchema,
  OrderContextQuerySchema,
  OrderContextSchema,
  OrderNumberParamsSchema,
} from './context.schemas';
import { CustomerQuerySchema } from './customer-query.schema';

// The class names become the OpenAPI schema names, so they carry the contract's own names (docs/api.md).
export class OrderNumberParams extends createZodDto(OrderNumberParamsSchema) {}
export class OrderContext extends createZodDto(OrderContextSchema) {}
export class OrderContextQuery extends createZodDto(OrderContextQuerySchema) {}
export class Problem extends createZodDto(ProblemSchema) {}
export class CustomerQuery extends createZodDto(CustomerQuerySchema) {}
export class CustomerContext extends createZodDto(CustomerContextSchema) {}
