/**
 * Work deferred to the end of the current event-loop turn, all of it in ONE callback. The hub's
 * Redis client pipelines the commands issued in one synchronous run (ioredis auto-pipelining), and
 * on a small VM each socket write is a costly system call, so the writers that batch a turn's
 * commands (last-good copies, vendor budgets) flush here together: one write to Redis per turn, not
 * one per writer. Each callback runs once per `atTurnEnd` call; callbacks handle their own errors
 * (one that throws anyway loses only its own work).
 */
const queued: (() => void)[] = [];
let scheduled = false;

export function atTurnEnd(flush: () => void): void {
  queued.push(flush);
  if (scheduled) return;
  scheduled = true;
  setImmediate(runQueued);
}

function runQueued(): void {
  scheduled = false;
  const now = queued.splice(0);
  for (const flush of now) {
    try {
      flush();
    } catch {
      // A flush that throws loses only its own work; the others of this turn still run.
    }
  }
}
