import { type SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { z } from 'zod';

/**
 * A request body's schema in OpenAPI 3.0 terms, straight from its zod schema (what it accepts).
 * For bodies a DTO class cannot describe: a union (an action), or fields that may be null, which
 * the DTO path would turn into arrays.
 */
export function bodySchema(schema: z.ZodType): SchemaObject {
  return z.toJSONSchema(schema, { io: 'input', target: 'openapi-3.0' }) as SchemaObject;
}
