import { type Connector, type LookupSubject } from '../connectors/contract';
import { type CallOutcome } from './source-call';
import { type SourceStatus } from './context.schemas';

const NOT_ASKED: ReadonlySet<string> = new Set(['circuit_open', 'budget_exhausted']);

/** The SourceStatus a call outcome means; failures carry what a person does by hand. */
export function sourceStatus(
  connector: Connector,
  outcome: CallOutcome<unknown> | undefined,
  subject: LookupSubject,
  now = Date.now(),
): SourceStatus {
  const base = { connector: connector.id, system: connector.system };
  if (!outcome) return { ...base, status: 'skipped' };
  if (outcome.kind === 'stale') {
    return {
      ...base,
      status: 'stale',
      fetchedAt: outcome.fetchedAt,
      ageSeconds: ageSeconds(outcome.fetchedAt, now),
      latencyMs: outcome.latencyMs,
      error: outcome.error,
      fallback: connector.manualLookup(subject),
    };
  }
  if (outcome.kind === 'failed') {
    return {
      ...base,
      // An open circuit or a used-up budget means the source was not asked at all (README: skipped).
      status: NOT_ASKED.has(outcome.error.code) ? 'skipped' : 'unavailable',
      latencyMs: outcome.latencyMs,
      error: outcome.error,
      fallback: connector.manualLookup(subject),
    };
  }
  return {
    ...base,
    status: outcome.kind === 'ok' ? 'ok' : 'not_found',
    fetchedAt: outcome.fetchedAt,
    // Zero for a fresh call; the copy's age when a fresh copy answered (lastGood.freshSeconds).
    ageSeconds: ageSeconds(outcome.fetchedAt, now),
    latencyMs: outcome.latencyMs,
  };
}

function ageSeconds(fetchedAt: string, now: number): number {
  return Math.max(0, Math.round((now - Date.parse(fetchedAt)) / 1000));
}
