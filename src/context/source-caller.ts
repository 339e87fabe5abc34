import { Inject, Injectable, Optional } from '@nestjs/common';
import { type Connector } from '../connectors/contract';
import { InterfaceMonitor } from '../monitoring/interface-monitor';
import { ResilienceRegistry } from '../resilience/resilience.registry';
import { SnapshotStore } from '../snapshots/snapshot.store';
import { type Deadline } from './deadline';
import { HubTracer } from '../tracing/hub-tracer';
import { type CallOutcome, callSource } from './source-call';

/** Injection token of lastGood.freshSeconds, in ms. */
export const FRESH_MS = Symbol('FRESH_MS');

/**
 * How long copies may still be read after the request's deadline (Redis answers in well under
 * 1 ms): one allowance for the whole request, so many failed calls cannot add up past it.
 */
const COPY_READ_GRACE_MS = 100;

/**
 * Asks one source about one subject within the deadline, keeps the last good answer, and serves
 * it (as stale) when the source fails now.
 */
@Injectable()
export class SourceCaller {
  constructor(
    @Inject(SnapshotStore) private readonly snapshots: SnapshotStore,
    // Optional: without a policy a call runs as it is; without a monitor nothing is recorded.
    @Optional() @Inject(ResilienceRegistry) private readonly resilience?: ResilienceRegistry,
    @Optional() @Inject(InterfaceMonitor) private readonly monitor?: InterfaceMonitor,
    /** Copies younger than this answer without a call (lastGood.freshSeconds); 0 always asks. */
    @Optional() @Inject(FRESH_MS) private readonly freshMs: number = 0,
    /** Each call a span of the request's trace (docs/operations.md "Traces"); off without it. */
    @Optional() @Inject(HubTracer) private readonly tracer?: HubTracer,
  ) {}

  /** One call, traced when tracing is on: its outcome, its retries, whether a copy answered. */
  ask<T>(
    connector: Connector,
    resource: string,
    id: string,
    deadline: Deadline,
    run: (signal: AbortSignal) => Promise<T | null>,
  ): Promise<CallOutcome<T>> {
    if (!this.tracer?.enabled) return this.askNow(connector, resource, id, deadline, run);
    return this.tracer.vendorCall(connector.id, resource, async () => {
      let attempts = 0;
      const counted = (signal: AbortSignal) => {
        attempts++;
        return run(signal);
      };
      const outcome = await this.askNow(connector, resource, id, deadline, counted);
      const fromCopy = outcome.kind === 'stale' || (outcome.kind === 'ok' && attempts === 0);
      const end = {
        outcome: 'error' in outcome ? outcome.error.code : outcome.kind,
        retries: Math.max(0, attempts - 1),
        fromCopy,
      };
      return { result: outcome, end };
    });
  }

  private async askNow<T>(
    connector: Connector,
    resource: string,
    id: string,
    deadline: Deadline,
    run: (signal: AbortSignal) => Promise<T | null>,
  ): Promise<CallOutcome<T>> {
    const key = { connector: connector.id, resource, id };
    if (this.freshMs > 0) {
      // A burst of questions about one subject is answered from the copy the first one fetched.
      const copy = await withBudget(this.snapshots.load<T>(key), COPY_READ_GRACE_MS);
      if (copy && Date.now() - Date.parse(copy.fetchedAt) < this.freshMs) {
        return { kind: 'ok', value: copy.data, fetchedAt: copy.fetchedAt, latencyMs: 0 };
      }
    }
    // Retries, circuit breaker and concurrency cap of this connector (src/resilience), when configured.
    const policy = this.resilience?.for(connector.id);
    const guarded = policy
      ? (signal: AbortSignal) => policy.execute(run, () => deadline.remainingMs(), signal)
      : run;
    const outcome = await callSource(connector, deadline, guarded);
    this.monitor?.record(connector, resource, outcome);
    if (outcome.kind === 'ok') {
      // Not waited for (no round trip per call): the store sends the writes of this event-loop
      // turn in one pipeline at its end, and answers this process's reads of a queued copy from
      // the queue, so the next question right after it finds the copy.
      void this.snapshots.save(key, outcome.value, outcome.fetchedAt);
      return outcome;
    }
    if (outcome.kind === 'not_found') {
      // The source says it no longer knows the subject: its old copy must not come back as stale.
      void this.snapshots.forget(key);
      return outcome;
    }
    if (outcome.kind !== 'failed') return outcome;
    const budget = Math.min(COPY_READ_GRACE_MS, deadline.graceLeftMs(COPY_READ_GRACE_MS));
    const copy = budget > 0 ? await withBudget(this.snapshots.load<T>(key), budget) : null;
    if (!copy) return outcome;
    return {
      kind: 'stale',
      value: copy.data,
      fetchedAt: copy.fetchedAt,
      error: outcome.error,
      latencyMs: outcome.latencyMs,
    };
  }
}

/**
 * `promise`, or null once `ms` have passed. The budget ends only after the event loop has taken
 * in the I/O that was already waiting when the timer fired (setImmediate runs after the poll
 * phase): timers run first in a loop turn, so on a busy process a Redis reply that arrived in
 * time would otherwise lose to its own budget, and a fresh copy would send the call to the vendor.
 */
function withBudget<T>(promise: Promise<T | null>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    let done = false;
    const timer = setTimeout(() => setImmediate(() => finish(null)), ms);
    const finish = (value: T | null) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(value);
    };
    promise.then(finish, () => finish(null));
  });
}
