/** One write that changed a vendor view. */
export interface WriteRecord {
  /** The vendor key ("shopify", "stripe", "hubspot"). */
  vendor: string;
  /** The vendor's name for it: the GraphQL mutation field, or method and route ("POST /v1/refunds"). */
  operation: string;
  /** The shop's order number ("1001") when the write is about one. */
  orderNumber?: string;
  /**
   * What identifies the write to the client that sent it: the idempotency key (Shopify
   * `@idempotent(key:)`, Stripe `Idempotency-Key`), else the hub's marker in the data it wrote
   * (`[hub:<id>]` in a note, `metadata[hub_action_id]`).
   */
  key?: string;
  /** When it happened, on the world's clock. */
  at: string;
}

export interface WritesSnapshot {
  writes: WriteRecord[];
  /** Requests answered from an idempotency key's stored result, without writing again. */
  replays: number;
}

/**
 * Every write the simulated vendors performed, in order: what `GET /_sandbox/writes` and
 * `sandbox.writes()` show, so a test can count how often an action really landed. It also keeps
 * the world's clock: writes happen "now", the anchor plus the time since the sandbox started.
 */
export class WriteLedger {
  private writes: WriteRecord[] = [];
  private replays = 0;
  private readonly startedAt = Date.now();

  constructor(private readonly anchorMs = Date.now()) {}

  /** The world's "now" as vendors print times: ISO-8601 UTC without milliseconds. */
  now(): string {
    return new Date(this.anchorMs + (Date.now() - this.startedAt)).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  record(write: Omit<WriteRecord, 'at'>): WriteRecord {
    const entry: WriteRecord = { ...dropUndefined(write), at: this.now() };
    this.writes.push(entry);
    return entry;
  }

  replayed(): void {
    this.replays++;
  }

  snapshot(): WritesSnapshot {
    return { writes: this.writes.map((w) => ({ ...w })), replays: this.replays };
  }

  reset(): void {
    this.writes = [];
    this.replays = 0;
  }
}

/** The hub's marker in text it writes: `[hub:<action id>]`. */
const MARKER = /\[hub:([^\]\s]+)\]/g;

/** Action ids of the hub markers in a text, in order of appearance. */
export function hubMarkers(text: string | null | undefined): string[] {
  return [...(text ?? '').matchAll(MARKER)].map((m) => m[1]);
}

/** The hub's marker among tags (Shopify searches tags, not notes): `hub-<action id>`. */
const TAG_MARKER = /^hub-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** Action ids of the hub's marker tags, in order; other `hub-...` tags (`hub-replacement`) are not ids. */
export function hubTagMarkers(tags: readonly string[]): string[] {
  return tags.flatMap((t) => TAG_MARKER.exec(t.trim())?.[1] ?? []);
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
