import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { HubMetrics } from '../monitoring/hub-metrics';
import { AUDIT_ENTITY, type AuditRow } from './audit.entity';

const FLUSH_EVERY_MS = 200;
const BATCH = 200;
/** What waits in memory while the database is away; beyond it events are counted and dropped. */
const MAX_PENDING = 20_000;
const PURGE_EVERY_MS = 3_600_000;

/**
 * The audit trail's writer: events are buffered and inserted in batches, off the request path,
 * and flushed at shutdown. Worker processes delete rows past `audit.retentionDays`.
 */
@Injectable()
export class AuditLog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  private pending: AuditRow[] = [];
  private timer?: NodeJS.Timeout;
  private purgeTimer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), FLUSH_EVERY_MS);
    this.timer.unref();
    if (this.config.server.role !== 'api') {
      void this.purge();
      this.purgeTimer = setInterval(() => void this.purge(), PURGE_EVERY_MS);
      this.purgeTimer.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    clearInterval(this.purgeTimer);
    await this.flush();
  }

  record(event: Omit<AuditRow, 'id' | 'at'> & { at?: Date }): void {
    if (this.pending.length >= MAX_PENDING) {
      this.metrics.auditDropped.inc();
      return;
    }
    this.pending.push({ id: randomUUID(), at: event.at ?? new Date(), ...event } as AuditRow);
  }

  /** Writes what is pending; resolves when it is in the database (or was kept for the next try). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.pending.length) return;
    this.flushing = this.writePending().finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  /** Deletes rows older than the retention; returns how many. */
  async purge(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.audit.retentionDays * 86_400_000);
    try {
      const result = await this.db.getRepository<AuditRow>(AUDIT_ENTITY).delete({ at: LessThan(before) });
      const n = result.affected ?? 0;
      if (n) this.logger.log(`purged ${n} audit rows older than ${this.config.audit.retentionDays} days`);
      return n;
    } catch (error) {
      this.logger.warn(`audit purge skipped: ${(error as Error).message}`);
      return 0;
    }
  }

  private async writePending(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.slice(0, BATCH);
      try {
        await this.db.getRepository<AuditRow>(AUDIT_ENTITY).insert(batch);
        this.pending.splice(0, batch.length);
      } catch (error) {
        this.logger.warn(
          `audit write deferred (${this.pending.length} pending): ${(error as Error).message}`,
        );
        return;
      }
    }
  }
}
