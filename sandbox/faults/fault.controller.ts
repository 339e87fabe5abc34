import { substream, type Rng } from '../world/random';
import { FaultPatchSchema, NO_FAULTS, type FaultPatch, type FaultState } from './fault.schema';

export type FaultKind = 'down' | 'hang' | 'error' | 'throttle' | 'malformed';

export interface FaultDecision {
  /** undefined: answer normally. */
  kind?: FaultKind;
  delayMs: number;
}

export class UnknownVendorError extends Error {
  constructor(readonly vendor: string) {
    super(`unknown vendor "${vendor}"`);
  }
}

export class FaultValidationError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(`invalid fault: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
  }
}

/**
 * Fault state per vendor and the per-request decision. Decisions come from a seeded PRNG, so a
 * test that sets errorRate 0.5 sees the same sequence on every run (after a reset).
 */
export class FaultController {
  private readonly states = new Map<string, FaultState>();
  private rng: Rng;

  constructor(
    private readonly vendorKeys: readonly string[],
    private readonly seed: number,
  ) {
    this.rng = substream(seed, 'faults');
    for (const key of vendorKeys) this.states.set(key, { ...NO_FAULTS });
  }

  get vendors(): readonly string[] {
    return this.vendorKeys;
  }

  has(vendor: string): boolean {
    return this.states.has(vendor);
  }

  get(vendor: string): FaultState {
    return { ...this.state(vendor) };
  }

  all(): Record<string, FaultState> {
    return Object.fromEntries([...this.states].map(([k, v]) => [k, { ...v }]));
  }

  /** Merges a partial fault state (validated) into the vendor's current one. */
  set(vendor: string, patch: FaultPatch): FaultState {
    const current = this.state(vendor);
    const parsed = FaultPatchSchema.safeParse(patch);
    if (!parsed.success) {
      throw new FaultValidationError(
        parsed.error.issues.map((issue) => ({
          field:
            issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : '(body)'),
          message: issue.message,
        })),
      );
    }
    const next = { ...current, ...parsed.data };
    this.states.set(vendor, next);
    return { ...next };
  }

  clear(vendor: string): FaultState {
    this.state(vendor);
    this.states.set(vendor, { ...NO_FAULTS });
    return { ...NO_FAULTS };
  }

  /** All vendors back to no faults, and the decision sequence back to its start. */
  reset(): void {
    for (const key of this.vendorKeys) this.states.set(key, { ...NO_FAULTS });
    this.rng = substream(this.seed, 'faults');
  }

  decide(vendor: string, operation?: string): FaultDecision {
    const s = this.state(vendor);
    if (s.operations.length > 0 && (operation === undefined || !s.operations.includes(operation))) {
      return { delayMs: 0 };
    }
    if (s.down) return { kind: 'down', delayMs: 0 };
    if (s.hang) return { kind: 'hang', delayMs: 0 };
    const delayMs = s.latencyMs + (s.jitterMs > 0 ? Math.floor(this.rng() * s.jitterMs) : 0);
    if (this.roll(s.errorRate)) return { kind: 'error', delayMs };
    if (this.roll(s.throttleRate)) return { kind: 'throttle', delayMs };
    if (this.roll(s.malformedRate)) return { kind: 'malformed', delayMs };
    return { delayMs };
  }

  // Rates of 0 and 1 draw nothing, so switching one fault on does not shift the others' sequence.
  private roll(rate: number): boolean {
    if (rate <= 0) return false;
    if (rate >= 1) return true;
    return this.rng() < rate;
  }

  private state(vendor: string): FaultState {
    const s = this.states.get(vendor);
    if (!s) throw new UnknownVendorError(vendor);
    return s;
  }
}
