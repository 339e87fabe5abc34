/** One finished call to a connector. */
export interface CallSample {
  at: number;
  ok: boolean;
  ms: number;
}

export interface WindowStats {
  calls: number;
  errors: number;
  errorRate: number;
  p50Ms: number;
  p95Ms: number;
}

/**
 * The recent calls of one connector (the last `spanMs`, at most `capacity`), for the rolling
 * figures `/v1/interfaces` reports. Old samples fall out as new ones arrive or on read.
 * Samples arrive in time order, so they leave from the front; calls and errors are counted as
 * they come and go, so `health()` (asked on every call) costs no pass over the window.
 */
export class CallWindow {
  private samples: CallSample[] = [];
  /** samples[head..] are in the window; the rest wait to be cut off in one go. */
  private head = 0;
  private errors = 0;

  constructor(
    private readonly spanMs = 5 * 60_000,
    private readonly capacity = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  add(ok: boolean, ms: number): void {
    this.samples.push({ at: this.now(), ok, ms });
    if (!ok) this.errors++;
    while (this.samples.length - this.head > this.capacity) this.dropOldest();
    this.compact();
  }

  /** Calls, errors and error rate of the window (what the interface state is judged on). */
  health(): Pick<WindowStats, 'calls' | 'errors' | 'errorRate'> {
    const since = this.now() - this.spanMs;
    while (this.head < this.samples.length && this.samples[this.head].at < since) this.dropOldest();
    this.compact();
    const calls = this.samples.length - this.head;
    const errors = this.errors;
    return { calls, errors, errorRate: calls === 0 ? 0 : Math.round((errors / calls) * 1000) / 1000 };
  }

  stats(): WindowStats {
    const { calls, errors, errorRate } = this.health();
    const sorted = this.samples
      .slice(this.head)
      .map((s) => s.ms)
      .sort((a, b) => a - b);
    const pct = (p: number) =>
      calls === 0 ? 0 : sorted[Math.min(calls - 1, Math.ceil((p / 100) * calls) - 1)];
    return { calls, errors, errorRate, p50Ms: pct(50), p95Ms: pct(95) };
  }

  private dropOldest(): void {
    if (!this.samples[this.head].ok) this.errors--;
    this.head++;
  }

  private compact(): void {
    if (this.head > 0 && this.head * 2 >= this.samples.length) {
      this.samples = this.samples.slice(this.head);
      this.head = 0;
    }
  }
}
