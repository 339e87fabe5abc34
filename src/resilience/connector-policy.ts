import {
  BrokenCircuitError,
  BulkheadRejectedError,
  bulkhead,
  type BulkheadPolicy,
  circuitBreaker,
  type CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  handleWhen,
  retry,
  wrap,
} from 'cockatiel';
import { ConnectorError } from '../connectors/contract';
import { type PolicySettings } from './resilience.schema';

/** Failures that say the interface is sick (not "no such record", not our own bad request). */
const SICK: ReadonlySet<string> = new Set([
  'timeout',
  'upstream_unavailable',
  'rate_limited',
  'auth_failed',
  'invalid_response',
]);

/** Whether a failure says the interface itself is unwell (the interface monitor counts it). */
export function isSick(code: string): boolean {
  return SICK.has(code);
}

/** A call's failure that came back after the circuit opened again (ConnectorPolicy.admitted). */
class LateFailure {
  constructor(readonly error: unknown) {}
}

const unwrap = (error: unknown): unknown => (error instanceof LateFailure ? error.error : error);

/** The least time worth starting another attempt with. */
const MIN_ATTEMPT_MS = 50;

export type CircuitName = 'closed' | 'open' | 'half_open';

/**
 * One connector's resilience (cockatiel): a concurrency cap, retries for retryable reads with
 * exponential backoff and full jitter that honour the vendor's own wait (Retry-After,
 * x-retry-after, Shopify THROTTLED, Stripe-Should-Retry all arrive as `retryAfterMs`) and never
 * outlast the request's deadline, and a circuit breaker with half-open probes. The bulkhead and
 * the breaker are shared by every call to the connector; the retry is per call, because it
 * depends on the call's own deadline.
 */
export class ConnectorPolicy {
  private readonly bulkhead: BulkheadPolicy;
  readonly breaker: CircuitBreakerPolicy;
  /** How many times the circuit has opened; a call remembers the value it was let through at. */
  private epoch = 0;

  constructor(
    readonly connectorId: string,
    private readonly settings: PolicySettings,
    private readonly random: () => number = Math.random,
  ) {
    this.bulkhead = bulkhead(settings.maxConcurrent, settings.maxQueued);
    this.breaker = circuitBreaker(
      handleWhen((e) => e instanceof ConnectorError && SICK.has(e.code)),
      { halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.breakerFailures) },
    );
    this.breaker.onBreak(() => this.epoch++);
  }

  get circuit(): CircuitName {
    const state = this.breaker.state;
    return state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'half_open' : 'open';
  }

  /** Runs one read through the policy; `remainingMs` is what is left of the request's deadline. */
  async execute<T>(
    call: (signal: AbortSignal) => Promise<T>,
    remainingMs: () => number,
    signal: AbortSignal,
  ): Promise<T> {
    let nextDelay = 0;
    let retryAttempt = 0;
    const retries = retry(
      handleWhen((thrown) => {
        const error = unwrap(thrown);
        if (!(error instanceof ConnectorError) || !error.retryable || signal.aborted) return false;
        nextDelay = this.delayFor(error, retryAttempt++);
        return remainingMs() > nextDelay + MIN_ATTEMPT_MS;
      }),
      { maxAttempts: this.settings.retries, backoff: new DelegateBackoff(() => nextDelay) },
    );
    try {
      return await wrap(this.bulkhead, retries, this.breaker).execute(this.admitted(call), signal);
    } catch (error) {
      throw this.translate(unwrap(error));
    }
  }

  /**
   * Runs one write: the concurrency cap, the circuit breaker and a timeout, but never a retry
   * here (a write is retried by its queue, which knows whether that is safe).
   */
  async executeWrite<T>(call: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<T> {
    try {
      return await wrap(this.bulkhead, this.breaker).execute(
        this.admitted(call),
        AbortSignal.timeout(timeoutMs),
      );
    } catch (error) {
      throw this.translate(unwrap(error));
    }
  }

  /**
   * The call as the breaker runs it. A failure that comes back after the circuit has opened since
   * the call was let through says nothing about the vendor now: it reaches the breaker as a
   * LateFailure, which the breaker does not count, so a slow call that fails while the half-open
   * probe is out cannot open the circuit again (cockatiel would count it). The wrapper is per
   * call, never a mark on the error: calls that share one in-flight request (a single flight)
   * share its error object, and the probe's own failure must still count.
   */
  private admitted<T>(call: (signal: AbortSignal) => Promise<T>) {
    return async ({ signal }: { signal: AbortSignal }): Promise<T> => {
      const epoch = this.epoch;
      try {
        return await call(signal);
      } catch (error) {
        throw epoch === this.epoch ? error : new LateFailure(error);
      }
    };
  }

  /** Exponential backoff with full jitter, never shorter than what the vendor asked for. */
  private delayFor(error: ConnectorError, attempt: number): number {
    const ceiling = Math.min(this.settings.maxBackoffMs, this.settings.backoffMs * 2 ** attempt);
    const jittered = Math.round(this.random() * ceiling);
    return Math.max(jittered, error.retryAfterMs ?? 0);
  }

  private translate(error: unknown): unknown {
    if (error instanceof BrokenCircuitError) {
      return new ConnectorError(
        'circuit_open',
        `${this.connectorId} is failing; calls are paused (circuit open)`,
        {
          retryable: false,
        },
      );
    }
    if (error instanceof BulkheadRejectedError) {
      return new ConnectorError(
        'rate_limited',
        `too many calls to ${this.connectorId} in flight; try again shortly`,
        {
          retryable: false,
        },
      );
    }
    return error;
  }
}
