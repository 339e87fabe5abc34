import { z } from 'zod';

/** `GET /health/live`. */
export const LivenessSchema = z.object({ status: z.literal('ok') });

const Indicators = z.record(z.string(), z.looseObject({ status: z.enum(['up', 'down']) }));

/** `GET /health/ready` (terminus): what answered, and what did not. */
export const ReadinessSchema = z.object({
  status: z.enum(['ok', 'error']),
  info: Indicators.optional().describe('what answered'),
  error: Indicators.optional().describe('what did not answer'),
  details: Indicators,
});
