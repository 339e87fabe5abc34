import { createZodDto } from 'nestjs-zod';
import { RemediesAnswerSchema, RemediesQuerySchema } from './remedies.schemas';

export class RemediesQuery extends createZodDto(RemediesQuerySchema) {}
export class RemediesAnswer extends createZodDto(RemediesAnswerSchema) {}
