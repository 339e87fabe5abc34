import { type Job, type ProcessPromiseFunction, type Queue } from 'bull';

/**
 * Starts a Bull queue's worker, as `queue.process(concurrency, handler)` does, with one defect of
 * bull 4 handled: `process` names the queue's blocking connection (its `setWorkerName`) and drops
 * that promise. When the queue or the hub stops before the connections are up, the name fails
 * ("Connection is closed.", or a TypeError from Bull's own catch when the command connection ended
 * before it was ready) and nothing handles it: an unhandled rejection, which kills a process or
 * fails whichever test is running. The name only labels the connection in CLIENT LIST, and ioredis
 * sets it again on every reconnect, so a name that could not be set is let go.
 */
export function startProcessing<T>(
  queue: Queue<T>,
  concurrency: number,
  /** Its resolved value is the job's result (Bull keeps it with the job). */
  handler: (job: Job<T>) => Promise<unknown>,
): Promise<void> {
  const named = queue as Queue<T> & { setWorkerName?: () => Promise<unknown> };
  const setWorkerName = named.setWorkerName?.bind(queue);
  if (setWorkerName) {
    named.setWorkerName = () => {
      const naming = setWorkerName();
      naming.catch(() => undefined);
      return naming;
    };
  }
  return queue.process(concurrency, handler as ProcessPromiseFunction<T>);
}
