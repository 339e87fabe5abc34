import { createZodDto } from 'nestjs-zod';
import { CanvasResponseSchema } from './intercom-canvas.schema';
import { IntercomRequestSchema } from './intercom-request.schema';

// The class names become the OpenAPI schema names.
export class IntercomCanvasRequest extends createZodDto(IntercomRequestSchema) {}
export class IntercomCanvasAnswer extends createZodDto(CanvasResponseSchema) {}
