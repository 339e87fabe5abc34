import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The read endpoints whose answers are counted. */
const ENDPOINTS = ['order', 'customer', 'bot'] as const;

/** What the metrics read of a source in an answer (context.schemas.ts SourceStatus). */
export interface AnsweredSource {
  connector: string;
  status: string;
  error?: { code: string; message: string };
}

/**
 * The hub's Prometheus metrics, on a registry of its own (several hubs may share a process in
 * tests). Labels never carry personal data or secrets: connector ids, operations, outcomes, codes.
 */
export class HubMetrics {
  readonly registry = new Registry();
  readonly callDuration = new Histogram({
    name: 'hub_connector_call_duration_seconds',
    help: 'Connector calls by connector, operation and outcome (ok, not_found, error code).',
    labelNames: ['connector', 'operation', 'outcome'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });
  readonly circuit = new Gauge({
    name: 'hub_connector_circuit_state',
    help: 'Circuit breaker per connector: 0 closed, 1 half open, 2 open.',
    labelNames: ['connector'] as const,
    registers: [this.registry],
  });
  readonly interfaceUp = new Gauge({
    name: 'hub_interface_state',
    help: 'Interface state per connector: 0 up, 1 degraded, 2 down.',
    labelNames: ['connector'] as const,
    registers: [this.registry],
  });
  readonly stateChanges = new Counter({
    name: 'hub_interface_state_changes_total',
    help: 'Interface state changes per connector and new state.',
    labelNames: ['connector', 'to'] as const,
    registers: [this.registry],
  });
  readonly unmapped = new Counter({
    name: 'hub_unmapped_vendor_values_total',
    help: 'Vendor values no mapping table knew (mapped to unknown), by mapping and field.',
    labelNames: ['mapping', 'field'] as const,
    registers: [this.registry],
  });

  readonly budgetCalls = new Counter({
    name: 'hub_vendor_budget_calls_total',
    help:
      'Vendor calls counted against the shared rate budget, by connector, budget (overall, search) and ' +
      'outcome: taken at once, waited for the next slice, refused (budget_exhausted: the answer used copies).',
    labelNames: ['connector', 'budget', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly budgetRate = new Gauge({
    name: 'hub_vendor_budget_rate_per_second',
    help: 'The steady rate each shared vendor budget allows, per second, for all hub processes together.',
    labelNames: ['connector', 'budget'] as const,
    registers: [this.registry],
  });
  readonly actions = new Counter({
    name: 'hub_actions_total',
    help:
      'Actions that reached a state, by connector, type and status (queued, awaiting_approval: a refund ' +
      'held for approval, retrying, succeeded, manual: handed to a person after failing).',
    labelNames: ['connector', 'type', 'status'] as const,
    registers: [this.registry],
  });
  readonly tasksResolved = new Counter({
    name: 'hub_tasks_resolved_total',
    help: 'Manual-backup tasks resolved, by kind and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly openTasks = new Gauge({
    name: 'hub_open_tasks',
    help: 'Manual-backup tasks open or claimed, per connector (read at scrape time).',
    labelNames: ['connector'] as const,
    registers: [this.registry],
  });
  readonly queueJobs = new Gauge({
    name: 'hub_queue_jobs',
    help: 'Jobs in each connector action queue by state (read at scrape time).',
    labelNames: ['connector', 'state'] as const,
    registers: [this.registry],
  });

  readonly answerSources = new Counter({
    name: 'hub_answer_sources_total',
    help:
      'Sources in the context answers given, by endpoint (order, customer, bot), connector and status ' +
      '(ok, partial, stale, unavailable, not_found, skipped): stale counts the answers served from a copy.',
    labelNames: ['endpoint', 'connector', 'status'] as const,
    registers: [this.registry],
  });
  readonly answersCut = new Counter({
    name: 'hub_answer_sources_cut_total',
    help: 'Sources cut by the request deadline in the context answers given, by endpoint and connector.',
    labelNames: ['endpoint', 'connector'] as const,
    registers: [this.registry],
  });
  readonly webhooks = new Counter({
    name: 'hub_webhooks_total',
    help:
      'Inbound vendor webhooks by connector and outcome (queued, duplicate, signature_invalid, ' +
      'payload_invalid, not_configured, unavailable).',
    labelNames: ['connector', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly redisUp = new Gauge({
    name: 'hub_redis_up',
    help: 'Whether Redis answered a ping at scrape time (1) or not (0): without it copies, limits and queues stop.',
    registers: [this.registry],
  });
  readonly oldestOpenTask = new Gauge({
    name: 'hub_open_task_oldest_age_seconds',
    help: 'Age of the oldest open or claimed manual-backup task, per connector (0 when none; read at scrape time).',
    labelNames: ['connector'] as const,
    registers: [this.registry],
  });

  readonly auditDropped = new Counter({
    name: 'hub_audit_dropped_total',
    help: 'Audit events dropped because the database was away too long (the buffer was full).',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'hub_' });
  }

  /**
   * The series the alert rules read, at zero for every configured connector from the start:
   * Prometheus' increase() cannot see a series' first increment, only the ones after it.
   */
  prime(connectors: readonly string[]): void {
    for (const connector of connectors) {
      for (const endpoint of ENDPOINTS) {
        this.answersCut.inc({ endpoint, connector }, 0);
        this.answerSources.inc({ endpoint, connector, status: 'stale' }, 0);
      }
      this.webhooks.inc({ connector, outcome: 'signature_invalid' }, 0);
      for (const type of ['cancel', 'refund', 'note'])
        this.actions.inc({ connector, type, status: 'manual' }, 0);
    }
  }

  /**
   * One context answer given (or refused for want of its sources): each source's status, and the
   * sources the deadline cut. A source not asked because nothing needed it is left out.
   */
  answered(endpoint: (typeof ENDPOINTS)[number], sources: readonly AnsweredSource[]): void {
    for (const s of sources) {
      if (s.status === 'skipped' && !s.error) continue;
      this.answerSources.inc({ endpoint, connector: s.connector, status: s.status });
      if (s.error?.code === 'timeout' && s.error.message.includes('request deadline'))
        this.answersCut.inc({ endpoint, connector: s.connector });
    }
  }
}
