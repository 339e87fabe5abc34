import { type Connector, type LookupSubject } from '../connectors/contract';
import { type SourceStatus } from './context.schemas';
import { type CallOutcome } from './source-call';
import { sourceStatus } from './source-status';

interface Call {
  label: string;
  /** Undefined while the call is in flight. */
  outcome?: CallOutcome<unknown>;
  /** Milliseconds since the ledger (the request) began. */
  startMs: number;
  endMs?: number;
}

/** One call of an answer on its time line: why an answer took as long as it did. */
export interface TimelineEntry {
  connector: string;
  call: string;
  startMs: number;
  /** Undefined: still in flight when the answer was given (cut by the deadline). */
  endMs?: number;
  outcome: CallOutcome<unknown>['kind'] | 'in_flight';
}

/**
 * Every call of one request, per connector, folded into one SourceStatus each. The connector's
 * first call (the request's own question: the order, or the customer) decides its status, and
 * `ok` means everything the source should have given is there: when a follow-up call failed the
 * source is `partial`, when one was answered from a last-good copy it is `stale`, and `error`
 * names the call. A connector never asked is `skipped`. Calls are registered when they start, so the result does
 * not depend on which answer came back first.
 */
export class SourceLedger {
  private readonly calls = new Map<Connector, Call[]>();

  /** `began`: when the request began (a branch of a request shares its time line). */
  constructor(readonly began = performance.now()) {}

  /**
   * Takes in the calls of a branch of this request (lookups started from a caller's hint, once
   * the hint proved right): they count as this request's own, in the order they started.
   */
  adopt(branch: SourceLedger): void {
    for (const [connector, calls] of branch.calls) {
      const all = [...calls, ...(this.calls.get(connector) ?? [])].sort((a, b) => a.startMs - b.startMs);
      this.calls.set(connector, all);
    }
  }

  /** Registers a call as it starts; the returned function records its outcome. */
  begin(connector: Connector, label: string): <T>(outcome: CallOutcome<T>) => CallOutcome<T> {
    const call: Call = { label, startMs: this.since() };
    const list = this.calls.get(connector) ?? [];
    list.push(call);
    this.calls.set(connector, list);
    return (outcome) => {
      call.outcome = outcome;
      call.endMs = this.since();
      return outcome;
    };
  }

  /** Every call so far, in the order they started, with when each started and ended. */
  timeline(): TimelineEntry[] {
    return [...this.calls]
      .flatMap(([connector, calls]) =>
        calls.map((c) => ({
          connector: connector.id,
          call: c.label,
          startMs: c.startMs,
          ...(c.endMs === undefined ? {} : { endMs: c.endMs }),
          outcome: c.outcome?.kind ?? ('in_flight' as const),
        })),
      )
      .sort((a, b) => a.startMs - b.startMs);
  }

  private since(): number {
    return Math.round(performance.now() - this.began);
  }

  statuses(connectors: readonly Connector[], subject: LookupSubject, now = Date.now()): SourceStatus[] {
    return connectors.map((c) => this.statusOf(c, this.calls.get(c) ?? [], subject, now));
  }

  private statusOf(connector: Connector, all: Call[], subject: LookupSubject, now: number): SourceStatus {
    const calls = all.filter((c): c is Required<Call> => c.outcome !== undefined);
    if (calls.length === 0) return sourceStatus(connector, undefined, subject, now);
    const [main] = calls;
    const status = sourceStatus(connector, main.outcome, subject, now);
    const latencyMs = Math.max(...calls.map((c) => c.outcome.latencyMs));
    const failure = calls.find(
      (c) => c !== main && (c.outcome.kind === 'failed' || c.outcome.kind === 'stale'),
    );
    if ((status.status === 'ok' || status.status === 'not_found') && failure && 'error' in failure.outcome) {
      const { code, message } = failure.outcome.error;
      const error = { code, message: `${failure.label}: ${message}` };
      const fallback = connector.manualLookup(subject);
      if (failure.outcome.kind === 'stale') {
        // Part of what is shown comes from a last-good copy: the answer is as old as that copy.
        const { fetchedAt } = failure.outcome;
        return {
          ...sourceStatus(connector, failure.outcome, subject, now),
          latencyMs,
          fetchedAt,
          error,
          fallback,
        };
      }
      // The source answered its first question, but something else it should have given is missing.
      const { fetchedAt, ageSeconds } = status;
      return { ...status, status: 'partial', fetchedAt, ageSeconds, latencyMs, error, fallback };
    }
    return { ...status, latencyMs };
  }
}
