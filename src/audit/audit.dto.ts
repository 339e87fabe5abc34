import { createZodDto } from 'nestjs-zod';
import { AuditPageSchema, AuditQuerySchema } from './audit.schemas';

export class AuditQuery extends createZodDto(AuditQuerySchema) {}
export class AuditPage extends createZodDto(AuditPageSchema) {}
