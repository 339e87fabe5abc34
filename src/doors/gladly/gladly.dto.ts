import { createZodDto } from 'nestjs-zod';
import { GladlyAnswerSchema } from './gladly-lookup.schema';

// The class name becomes the OpenAPI schema name (the request body is described by body-schema.ts).
export class GladlyLookupAnswer extends createZodDto(GladlyAnswerSchema) {}
