import { z } from 'zod';

/**
 * A vendor's fault state. Rates are probabilities per request; `hang` and `down` apply to every
 * request while set. Validated at the control API (and for programmatic use) so a typo fails
 * loudly instead of silently doing nothing.
 */
export const FaultStateSchema = z.strictObject({
  /** Added before the answer (also before error, throttle and malformed answers). */
  latencyMs: z.number().int().min(0).max(600_000),
  /** Uniform extra delay in [0, jitterMs). */
  jitterMs: z.number().int().min(0).max(600_000),
  /** Share of requests answered with HTTP 503. */
  errorRate: z.number().min(0).max(1),
  /** Share of requests answered with the vendor's rate-limit reply. */
  throttleRate: z.number().min(0).max(1),
  /** Never answer: the socket stays open until the client gives up or the sandbox closes. */
  hang: z.boolean(),
  /** Reset the connection at once (the client sees ECONNRESET). */
  down: z.boolean(),
  /** Share of requests answered HTTP 200 with a truncated JSON body. */
  malformedRate: z.number().min(0).max(1),
  /**
   * Only requests of these operations (named as in GET /_sandbox/stats, e.g.
   * "POST /crm/v3/objects/tickets/batch/read") get the faults; empty: every request.
   */
  operations: z.array(z.string().min(1).max(200)).max(50),
});

export type FaultState = z.infer<typeof FaultStateSchema>;

export const FaultPatchSchema = FaultStateSchema.partial();

export type FaultPatch = z.infer<typeof FaultPatchSchema>;

export const NO_FAULTS: Readonly<FaultState> = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  errorRate: 0,
  throttleRate: 0,
  hang: false,
  down: false,
  malformedRate: 0,
  operations: [],
});
