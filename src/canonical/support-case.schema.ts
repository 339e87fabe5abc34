import { z } from 'zod';
import { Sources } from './common.schema';
import { Timestamp } from './money.schema';
import { CaseStatus } from './status.enums';

export const SupportCaseSchema = z
  .object({
    id: z.string(),
    subject: z.string().optional(),
    status: CaseStatus,
    priority: z.enum(['low', 'normal', 'high', 'urgent']).optional(),
    channel: z.enum(['email', 'chat', 'voice', 'sms', 'social', 'web', 'api', 'other']).optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp.optional(),
    sources: Sources,
  })
  .meta({ id: 'SupportCase' });
export type SupportCase = z.infer<typeof SupportCaseSchema>;
