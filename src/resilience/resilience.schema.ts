import { z } from 'zod';
import { wholeNumber } from '../connectors/contract';

const count = (min: number, max: number) => wholeNumber().pipe(z.number().min(min).max(max));

/** How one connector is protected; every field has a sane default. */
export const PolicySettingsSchema = z
  .object({
    /** Extra attempts for a retryable read (timeouts, 5xx, rate limits), within the request's deadline. */
    retries: count(0, 5).default(2),
    /** First retry delay; doubles each attempt, with full jitter, never below the vendor's Retry-After. */
    backoffMs: count(1, 10_000).default(50),
    maxBackoffMs: count(1, 60_000).default(1_000),
    /** Consecutive failed calls that open the circuit. */
    breakerFailures: count(1, 1_000).default(5),
    /** How long the circuit stays open before one probe call may try again (half-open). */
    halfOpenAfterMs: count(50, 600_000).default(10_000),
    /** Calls in flight to this vendor at once; more wait in a queue of `maxQueued`, then fail fast. */
    maxConcurrent: count(1, 1_000).default(16),
    maxQueued: count(0, 10_000).default(64),
  })
  .strict();
export type PolicySettings = z.infer<typeof PolicySettingsSchema>;

export const ResilienceSchema = PolicySettingsSchema.extend({
  /** Per-connector overrides, by connector id. */
  connectors: z.record(z.string(), PolicySettingsSchema.partial()).default({}),
}).strict();
export type ResilienceConfig = z.infer<typeof ResilienceSchema>;
