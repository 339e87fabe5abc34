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
}

export interface Stats {
  since: string;
  vendors: Record<string, VendorStats>;
  /** Requests that matched no vendor route. */
  unmatched: number;
}

/** Request counters per vendor, for tests ("the hub served this from cache") and benchmarks. */
export class StatsRecorder {
  private data!: Stats;

  constructor(private readonly vendorKeys: readonly string[]) {
    this.reset();
  }

  request(vendor: string, operation: string, write: boolean): void {
    const v = this.data.vendors[vendor];
    v.requests++;
    if (write) v.writes++;
    v.operations[operation] = (v.operations[operation] ?? 0) + 1;
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
    return structuredClone(this.data);
  }

  reset(): void {
    const empty = (): VendorStats => ({ requests: 0, writes: 0, operations: {}, faults: {}, statuses: {} });
    this.data = {
      since: new Date().toISOString(),
      vendors: Object.fromEntries(this.vendorKeys.map((k) => [k, empty()])),
      unmatched: 0,
    };
  }
}
