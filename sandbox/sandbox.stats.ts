import { type FaultKind } from './faults/fault.controller';

export interface VendorStats {
  requests: number;
  /** Write operations (mutations, POST actions); later vendors' actions land here. */
  writes: number;
  /** Requests per operation: GraphQL operation name, or method and route for REST vendors. */
  operations: Record<string, number>;
  /** Injected faults by kind. */
  faults: Partial<Record<FaultKind, number>>;
  /** Answers by HTTP status (faults that never answer are not counted here). */
  statuses: Record<string, number>;
  /**
   * The most requests seen within any sliding window of 1 s, 10 s and 60 s, and of search
   * requests (an operation with "/search" in it) within 1 s: what a vendor's rate limit counts.
   */
  peaks: { perSecond: number; per10Seconds: number; perMinute: number; searchPerSecond: number };
}

export interface Stats {
  since: string;
  vendors: Record<string, VendorStats>;
  /** Requests that matched no vendor route. */
  unmatched: number;
}

/** Request times kept per vendor for the peaks: enough for minutes of a benchmark's load. */
const MAX_TIMES = 200_000;

/** Request counters per vendor, for tests ("the hub served this from cache") and benchmarks. */
export class StatsRecorder {
  private data!: Stats;
  private times = new Map<string, { all: number[]; search: number[] }>();

  constructor(
    private readonly vendorKeys: readonly string[],
    private readonly now: () => number = () => performance.timeOrigin + performance.now(),
  ) {
    this.reset();
  }

  request(vendor: string, operation: string, write: boolean): void {
    const v = this.data.vendors[vendor];
    v.requests++;
    if (write) v.writes++;
    v.operations[operation] = (v.operations[operation] ?? 0) + 1;
    const times = this.times.get(vendor)!;
    const at = this.now();
    keep(times.all, at);
    if (operation.includes('/search')) keep(times.search, at);
  }

  fault(vendor: string, kind: FaultKind): void {
    const faults = this.data.vendors[vendor].faults;
    faults[kind] = (faults[kind] ?? 0) + 1;
  }

  status(vendor: string, status: number): void {
    const statuses = this.data.vendors[vendor].statuses;
    statuses[status] = (statuses[status] ?? 0) + 1;
  }

  unmatched(): void {
    this.data.unmatched++;
  }

  snapshot(): Stats {
    const copy = structuredClone(this.data);
    for (const [vendor, v] of Object.entries(copy.vendors)) {
      const { all, search } = this.times.get(vendor)!;
      v.peaks = {
        perSecond: peak(all, 1_000),
        per10Seconds: peak(all, 10_000),
        perMinute: peak(all, 60_000),
        searchPerSecond: peak(search, 1_000),
      };
    }
    return copy;
  }

  reset(): void {
    const empty = (): VendorStats => ({
      requests: 0,
      writes: 0,
      operations: {},
      faults: {},
      statuses: {},
      peaks: { perSecond: 0, per10Seconds: 0, perMinute: 0, searchPerSecond: 0 },
    });
    this.times = new Map(this.vendorKeys.map((k) => [k, { all: [], search: [] }]));
    this.data = {
      since: new Date().toISOString(),
      vendors: Object.fromEntries(this.vendorKeys.map((k) => [k, empty()])),
      unmatched: 0,
    };
  }
}

function keep(times: number[], at: number): void {
  if (times.length >= MAX_TIMES) times.splice(0, times.length - MAX_TIMES + 1);
  times.push(at);
}

/** The most of `times` (ascending) within any window of `windowMs`, its start at one of them. */
export function peak(times: readonly number[], windowMs: number): number {
  let most = 0;
  let first = 0;
  for (let last = 0; last < times.length; last++) {
    while (times[last] - times[first] >= windowMs) first++;
    most = Math.max(most, last - first + 1);
  }
  return most;
}
