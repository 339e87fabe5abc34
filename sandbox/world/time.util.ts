const HOUR_MS = 3_600_000;

/** ISO-8601 UTC without milliseconds, as most vendor APIs print it ("2025-03-01T14:05:00Z"). */
export function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function hours(n: number): number {
  return n * HOUR_MS;
}

export function days(n: number): number {
  return n * 24 * HOUR_MS;
}

/** Start of the anchor's whole second, so every derived time is a whole second too. */
export function floorToSecond(date: Date): number {
  return Math.floor(date.getTime() / 1000) * 1000;
}

export function roundToHour(ms: number): number {
  return Math.round(ms / HOUR_MS) * HOUR_MS;
}
