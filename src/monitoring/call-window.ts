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
 */
export class CallWindow {
  private samples: CallSample[] = [];

  constructor(
    private readonly spanMs = 5 * 60_000,
    private readonly capacity = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  add(ok: boolean, ms: number): void {
    this.samples.push({ at: this.now(), ok, ms });
    if (this.samples.length > this.capacity) this.samples.splice(0, this.samples.length - this.capacity);
  }

  stats(): WindowStats {
    const since = this.now() - this.spanMs;
    this.samples = this.samples.filter((s) => s.at >= since);
    const calls = this.samples.length;
    const errors = this.samples.filter((s) => !s.ok).length;
    const sorted = this.samples.map((s) => s.ms).sort((a, b) => a - b);
    const pct = (p: number) =>
      calls === 0 ? 0 : sorted[Math.min(calls - 1, Math.ceil((p / 100) * calls) - 1)];
    return {
      calls,
      errors,
      errorRate: calls === 0 ? 0 : Math.round((errors / calls) * 1000) / 1000,
      p50Ms: pct(50),
      p95Ms: pct(95),
    };
  }
}
