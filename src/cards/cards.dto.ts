import { createZodDto } from 'nestjs-zod';
import { CardLinkRequestSchema, CardLinkSchema } from './card-link.schema';

// The class names become the OpenAPI schema names.
export class CardLinkRequest extends createZodDto(CardLinkRequestSchema) {}
export class CardLink extends createZodDto(CardLinkSchema) {}
