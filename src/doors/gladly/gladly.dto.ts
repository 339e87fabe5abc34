import { createZodDto } from 'nestjs-zod';
import { GladlyAnswerSchema, GladlyLookupSchema } from './gladly-lookup.schema';

// The class names become the OpenAPI schema names.
export class GladlyLookupRequest extends createZodDto(GladlyLookupSchema) {}
export class GladlyLookupAnswer extends createZodDto(GladlyAnswerSchema) {}
