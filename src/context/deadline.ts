import { setMaxListeners } from 'node:events';

/** One request's time budget, shared by every source call it makes. */
export class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly expiresAt: number;
  /** Resolves (never rejects) when the budget is spent. */
  readonly expired: Promise<typeof EXPIRED>;

  constructor(ms: number) {
    // Every source call of the request listens to this one signal; a dozen is normal, not a leak.
    setMaxListeners(100, this.controller.signal);
    this.expiresAt = Date.now() + ms;
    let fire!: () => void;
    this.expired = new Promise((resolve) => (fire = () => resolve(EXPIRED)));
    this.timer = setTimeout(() => {
      this.controller.abort(SPENT);
      fire();
    }, ms);
    this.timer.unref();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  remainingMs(): number {
    return Math.max(0, this.expiresAt - Date.now());
  }

  /** Time left until `graceMs` after the deadline: one shared allowance, not one per call. */
  graceLeftMs(graceMs: number): number {
    return Math.max(0, this.expiresAt + graceMs - Date.now());
  }

  /** Ends the request's budget: calls still in flight (an answer that failed early) are aborted. */
  dispose(): void {
    clearTimeout(this.timer);
    this.controller.abort(SPENT);
  }
}

/**
 * The abort reason of every deadline: one Error made once, because an abort without a reason
 * builds a DOMException (and its stack) for each request. An Error still, for whatever rejects
 * with the reason (fetch, AbortSignal.any, timers/promises).
 */
const SPENT = new Error('the request deadline passed or the answer is complete');
SPENT.name = 'DeadlineSpent';

export const EXPIRED = Symbol('deadline expired');
