import { createZodDto } from 'nestjs-zod';
import { CanvasResponseSchema } from './intercom-canvas.schema';

// The class name becomes the OpenAPI schema name (the request body is described by body-schema.ts).
export class IntercomCanvasAnswer extends createZodDto(CanvasResponseSchema) {}
