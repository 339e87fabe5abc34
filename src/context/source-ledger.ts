import { type Connector, type LookupSubject } from '../connectors/contract';
import { type SourceStatus } from './context.schemas';
import { type CallOutcome } from './source-call';
import { sourceStatus } from './source-status';

interface Call {
  label: string;
  /** Undefined while the call is in flight. */
  outcome?: CallOutcome<unknown>;
}

/**
 * Every call of one request, per connector, folded into one SourceStatus each. The connector's
 * first call (the request's own question: the order, or the customer) decides its status; a
 * failed follow-up call is reported in `error` without hiding what the first call got. A
 * connector never asked is `skipped`. Calls are registered when they start, so the result does
 * not depend on which answer came back first.
 */
export class SourceLedger {
  private readonly calls = new Map<Connector, Call[]>();

  /** Registers a call as it starts; the returned function records its outcome. */
  begin(connector: Connector, label: string): <T>(outcome: CallOutcome<T>) => CallOutcome<T> {
    const call: Call = { label };
    const list = this.calls.get(connector) ?? [];
    list.push(call);
    this.calls.set(connector, list);
    return (outcome) => {
      call.outcome = outcome;
      return outcome;
    };
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
      return { ...status, latencyMs, error: { code, message: `${failure.label}: ${message}` } };
    }
    return { ...status, latencyMs };
  }
}
