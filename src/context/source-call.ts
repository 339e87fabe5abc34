import { type Connector, ConnectorError } from '../connectors/contract';
import { MappingOutputError } from '../mapping/mapping.error';
import { type Deadline, EXPIRED } from './deadline';

export type CallOutcome<T> =
  | { kind: 'ok'; value: T; latencyMs: number; fetchedAt: string }
  | { kind: 'not_found'; latencyMs: number; fetchedAt: string }
  | { kind: 'failed'; error: { code: string; message: string }; latencyMs: number }
  /** Failed now, answered from the last good copy fetched at `fetchedAt`. */
  | {
      kind: 'stale';
      value: T;
      fetchedAt: string;
      error: { code: string; message: string };
      latencyMs: number;
    };

/**
 * Runs one connector call (fetch + map) within the request's deadline. Never throws: a failure
 * becomes an outcome with a stable code, so one vendor cannot break the whole answer.
 */
export async function callSource<T>(
  connector: Connector,
  deadline: Deadline,
  run: (signal: AbortSignal) => Promise<T | null>,
): Promise<CallOutcome<T>> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  if (deadline.remainingMs() === 0) {
    return {
      kind: 'failed',
      error: { code: 'timeout', message: 'no time left in the request deadline' },
      latencyMs: 0,
    };
  }
  try {
    const result = await Promise.race([run(deadline.signal), deadline.expired]);
    if (result === EXPIRED) {
      return {
        kind: 'failed',
        error: { code: 'timeout', message: `${connector.id} did not answer within the request deadline` },
        latencyMs: latency(),
      };
    }
    const fetchedAt = new Date().toISOString();
    if (result === null) return { kind: 'not_found', latencyMs: latency(), fetchedAt };
    return { kind: 'ok', value: result as T, latencyMs: latency(), fetchedAt };
  } catch (error) {
    return { kind: 'failed', error: describe(error), latencyMs: latency() };
  }
}

function describe(error: unknown): { code: string; message: string } {
  if (error instanceof ConnectorError) return { code: error.code, message: error.message };
  if (error instanceof MappingOutputError) return { code: 'invalid_response', message: error.message };
  return { code: 'unknown', message: 'unexpected error while calling the source' };
}
