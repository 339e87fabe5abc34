import { EventEmitter } from 'node:events';

export interface LogCapture {
  /** The pino destination to hand to the hub. */
  stream: { write(line: string): void };
  /** Every line written so far, parsed. */
  lines: Record<string, any>[];
  /** Resolves with the first line (already written or still to come) that matches; rejects after `ms`. */
  waitFor(match: (line: Record<string, any>) => boolean, ms?: number): Promise<Record<string, any>>;
}

/** Collects the hub's JSON log lines and lets a test wait for one to be written (no fixed sleeps). */
export function captureLogs(): LogCapture {
  const lines: Record<string, any>[] = [];
  const written = new EventEmitter();
  return {
    lines,
    stream: {
      write(text: string) {
        for (const raw of text.split('\n').filter(Boolean)) {
          const line = JSON.parse(raw) as Record<string, any>;
          lines.push(line);
          written.emit('line', line);
        }
      },
    },
    waitFor(match, ms = 5_000) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const onLine = (line: Record<string, any>) => {
          if (!match(line)) return;
          clearTimeout(timer);
          written.off('line', onLine);
          resolve(line);
        };
        const timer = setTimeout(() => {
          written.off('line', onLine);
          reject(new Error(`no matching log line within ${ms} ms (${lines.length} lines written)`));
        }, ms);
        written.on('line', onLine);
      });
    },
  };
}
