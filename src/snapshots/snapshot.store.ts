import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { atTurnEnd } from '../redis/turn-end';

export interface Snapshot<T = unknown> {
  /** When the data was fetched from the source (ISO 8601). */
  fetchedAt: string;
  data: T;
}

/** What a copy is of: one connector's answer about one subject. */
export interface SnapshotKey {
  connector: string;
  /** e.g. "order", "customer" */
  resource: string;
  /** the lookup key, e.g. the order number or the normalized email */
  id: string;
}

type WriteOp =
  | {
      kind: 'set';
      key: string;
      value: string;
      /** For the fresh index: whose copy, and when it was fetched (ms). */
      connector: string;
      fetchedAtMs: number;
    }
  | { kind: 'del'; key: string };
type Write = WriteOp & { done: () => void };
type Read = { key: string; done: (raw: string | null) => void };

/**
 * Last-good copies of what each source answered (docs/architecture.md "The path of a read"), kept in
 * Redis so every process shares them. Best effort by design: a Redis problem is logged and the
 * answer goes on without copies, never fails because of them.
 *
 * Few round trips, since on a small VM every socket write is a costly system call: the copies an
 * answer asks for together (every source of one phase starts its look-up in the same synchronous
 * run) are read with one MGET in a microtask; the writes of one event-loop turn (the copies of
 * every answer whose vendor replies came in that turn) go in one pipeline at the turn's end. A
 * read of a copy whose write is still queued is answered from the queue, so this process always
 * reads its own writes; another process sees them at the end of the turn.
 *
 * While copies answer without a call (`lastGood.freshSeconds` > 0), the store also keeps, per
 * connector, an index of the copies written within that window (a sorted set by fetch time,
 * trimmed on every write): a webhook that outdates copies looks there, not through the keyspace.
 */
export class SnapshotStore {
  private readonly logger = new Logger('SnapshotStore');
  private writes: Write[] = [];
  private reads: Read[] = [];
  /** Writes queued and not yet handed to Redis, the last per key. */
  private readonly pending = new Map<string, WriteOp>();
  private writing = false;
  private reading = false;

  constructor(
    private readonly redis: Redis,
    private readonly retentionSeconds: number,
    /** lastGood.freshSeconds: 0 keeps no fresh index (no copy ever answers without a call). */
    private readonly freshSeconds = 0,
  ) {}

  /** Resolves once Redis has answered (or failed: the copy is then simply not kept). */
  save<T>(key: SnapshotKey, data: T, fetchedAt: string): Promise<void> {
    let value: string;
    try {
      value = JSON.stringify({ fetchedAt, data });
    } catch (error) {
      this.logger.debug(`could not save ${redisKey(key)}: ${(error as Error).message}`);
      return Promise.resolve();
    }
    const at = Date.parse(fetchedAt);
    return this.write({
      kind: 'set',
      key: redisKey(key),
      value,
      connector: key.connector,
      // A clock ahead of Redis's readers must not keep an entry in the index past its window.
      fetchedAtMs: Number.isFinite(at) ? Math.min(at, Date.now()) : Date.now(),
    });
  }

  /**
   * The keys (as `redisKey` makes them) of this connector's copies written within
   * `freshSeconds`, newest last; empty when copies are never fresh. A key may since have been
   * rewritten or deleted: read the copy to be sure. Throws when Redis does not answer.
   */
  async freshKeys(connector: string, now = Date.now()): Promise<string[]> {
    if (this.freshSeconds <= 0) return [];
    return this.redis.zrangebyscore(freshIndexKey(connector), `(${now - this.freshSeconds * 1_000}`, '+inf');
  }

  /** Forgets a copy: the source says the subject no longer exists (deleted, erased). */
  forget(key: SnapshotKey): Promise<void> {
    return this.write({ kind: 'del', key: redisKey(key) });
  }

  load<T>(key: SnapshotKey): Promise<Snapshot<T> | null> {
    const k = redisKey(key);
    const queued = this.pending.get(k);
    return new Promise<string | null>((done) => {
      if (queued) return done(queued.kind === 'set' ? queued.value : null);
      this.reads.push({ key: k, done });
      if (this.reading) return;
      this.reading = true;
      queueMicrotask(() => void this.flushReads());
    }).then((raw) => {
      if (!raw) return null;
      try {
        return JSON.parse(raw) as Snapshot<T>;
      } catch (error) {
        this.logger.debug(`could not load ${k}: ${(error as Error).message}`);
        return null;
      }
    });
  }

  private write(op: WriteOp): Promise<void> {
    this.pending.set(op.key, op);
    return new Promise((done) => {
      this.writes.push({ ...op, done });
      if (this.writing) return;
      this.writing = true;
      atTurnEnd(() => void this.flushWrites());
    });
  }

  /** One command when one write is queued (and no index to keep), else one pipeline. */
  private async flushWrites(): Promise<void> {
    const writes = this.writes;
    this.writes = [];
    this.writing = false;
    // From here on the connection carries them ahead of any later read.
    this.pending.clear();
    const command = (target: Redis | ReturnType<Redis['pipeline']>, w: Write) =>
      w.kind === 'set' ? target.set(w.key, w.value, 'EX', this.retentionSeconds) : target.del(w.key);
    const indexed = this.freshSeconds > 0 ? writes.filter((w) => w.kind === 'set') : [];
    try {
      if (writes.length === 1 && indexed.length === 0) {
        await command(this.redis, writes[0]);
      } else {
        const pipeline = this.redis.pipeline();
        for (const w of writes) void command(pipeline, w);
        this.index(pipeline, indexed);
        const results = (await pipeline.exec()) ?? [];
        results.forEach(([error], i) => {
          if (error)
            this.logger.debug(`could not write ${writes[i]?.key ?? 'the fresh index'}: ${error.message}`);
        });
      }
    } catch (error) {
      // Commands fail fast while Redis is away (no offline queue): the copies are not kept.
      this.logger.debug(
        `could not write ${writes.length} cop${writes.length === 1 ? 'y' : 'ies'}: ${(error as Error).message}`,
      );
    }
    for (const w of writes) w.done();
  }

  /**
   * Adds the new copies to their connector's fresh index, drops what has left the window, and
   * lets an index no one writes to any more expire.
   */
  private index(pipeline: ReturnType<Redis['pipeline']>, sets: Write[]): void {
    const cutoff = Date.now() - this.freshSeconds * 1_000;
    const connectors = new Set<string>();
    for (const w of sets) {
      if (w.kind !== 'set') continue;
      void pipeline.zadd(freshIndexKey(w.connector), w.fetchedAtMs, w.key);
      connectors.add(w.connector);
    }
    for (const connector of connectors) {
      const key = freshIndexKey(connector);
      void pipeline.zremrangebyscore(key, '-inf', `(${cutoff}`);
      void pipeline.expire(key, this.freshSeconds + 60);
    }
  }

  /** One GET when one read is queued, else one MGET. */
  private async flushReads(): Promise<void> {
    const reads = this.reads;
    this.reads = [];
    this.reading = false;
    let raws: (string | null)[] = [];
    try {
      raws =
        reads.length === 1
          ? [await this.redis.get(reads[0].key)]
          : await this.redis.mget(reads.map((r) => r.key));
    } catch (error) {
      // Commands fail fast while Redis is away: nothing is found.
      this.logger.debug(
        `could not read ${reads.length} cop${reads.length === 1 ? 'y' : 'ies'}: ${(error as Error).message}`,
      );
    }
    reads.forEach((r, i) => r.done(raws[i] ?? null));
  }
}

/** lastgood-fresh:<connector>: the copies of the connector written within lastGood.freshSeconds. */
export function freshIndexKey(connector: string): string {
  return `lastgood-fresh:${connector}`;
}

/** lastgood:<connector>:<resource>:<id>, with the id encoded so it can hold any character. */
export function redisKey(key: SnapshotKey): string {
  return `lastgood:${key.connector}:${key.resource}:${encodeURIComponent(key.id)}`;
}
