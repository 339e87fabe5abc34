import { z } from 'zod';
import { SourceStatusSchema } from '../context/context.schemas';

/** One connector's health in `GET /v1/interfaces` (docs/operations.md). */
export const InterfaceReportSchema = z.object({
  connector: z.string().describe('connector id from the config'),
  system: SourceStatusSchema.shape.system,
  type: z.string().describe('the vendor, e.g. "shopify"'),
  state: z.enum(['up', 'degraded', 'down']),
  circuit: z.enum(['closed', 'open', 'half_open']),
  lastSuccessAt: z.string().optional(),
  lastFailureAt: z.string().optional(),
  lastError: z.object({ code: z.string(), message: z.string() }).optional(),
  window: z
    .object({
      calls: z.number().int(),
      errors: z.number().int(),
      errorRate: z.number(),
      p50Ms: z.number(),
      p95Ms: z.number(),
    })
    .describe('the rolling window of recent calls'),
  queue: z
    .object({
      waiting: z.number().int(),
      active: z.number().int(),
      delayed: z.number().int(),
      failed: z.number().int(),
    })
    .optional()
    .describe("the connector's action queue"),
  openTasks: z.number().int().optional().describe('manual-backup tasks not yet resolved'),
});

export const InterfaceReportsSchema = z.array(InterfaceReportSchema);
