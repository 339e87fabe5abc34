import { type z } from 'zod';
import { type InterfaceReportSchema } from './interface-report.schema';
import {
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
  Optional,
} from '@nestjs/common';
import { type HubConfig } from '../config/config.schema';
import { AlertWebhook } from './alert-webhook';
import { HUB_CONFIG } from '../config/config.tokens';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { type Connector } from '../connectors/contract';
import { type CallOutcome } from '../context/source-call';
import { ResilienceRegistry } from '../resilience/resilience.registry';
import { CallWindow } from './call-window';
import { HubMetrics } from './hub-metrics';
import { type InterfaceState, interfaceState } from './interface-state';

/** One connector's health (interface-report.schema.ts). */
export type InterfaceReport = z.infer<typeof InterfaceReportSchema>;

/** An interface changed state (up ⇄ degraded ⇄ down); what the alert webhook receives. */
export interface InterfaceStateChange {
  connector: string;
  system: Connector['system'];
  type: string;
  from: InterfaceState;
  to: InterfaceState;
  circuit: 'closed' | 'open' | 'half_open';
  window: InterfaceReport['window'];
  lastError?: { code: string; message: string };
  at: string;
}

/** Adds what other capabilities know about each interface (queue depths, open tasks) to the report. */
export type ReportDetails = () => Promise<Record<string, Partial<InterfaceReport>>>;

interface Track {
  window: CallWindow;
  state: InterfaceState;
  lastSuccessAt?: string;
  lastFailureAt?: string;
  lastError?: { code: string; message: string };
}

const CIRCUIT_VALUE = { closed: 0, half_open: 1, open: 2 } as const;
const STATE_VALUE = { up: 0, degraded: 1, down: 2 } as const;

/**
 * The health of every interface: a rolling window of its calls, its circuit, periodic cheap
 * `healthCheck` probes, and a log line, a metric and an optional alert webhook on every state
 * change (up ⇄ degraded ⇄ down), never on repeats.
 */
@Injectable()
export class InterfaceMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('InterfaceMonitor');
  private readonly tracks = new Map<string, Track>();
  private readonly listeners: ((change: InterfaceStateChange) => void)[] = [];
  private readonly details: ReportDetails[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(ResilienceRegistry) private readonly resilience: ResilienceRegistry,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
    // Optional: a monitor built without one (tests) alerts nobody.
    @Optional() @Inject(AlertWebhook) private readonly webhook?: AlertWebhook,
  ) {
    for (const c of connectors.all())
      this.tracks.set(c.id, { window: new CallWindow(config.monitoring.windowMs), state: 'up' });
  }

  onModuleInit(): void {
    const every = this.config.monitoring.probeIntervalMs;
    if (every > 0) {
      this.timer = setInterval(() => void this.probeAll(), every);
      this.timer.unref();
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Records one source call (a last-good copy standing in is a failed call). */
  record(connector: Connector, operation: string, outcome: CallOutcome<unknown>): void {
    const track = this.tracks.get(connector.id);
    if (!track) return;
    const failed = outcome.kind === 'failed' || outcome.kind === 'stale';
    const code = failed ? outcome.error.code : outcome.kind;
    // An open circuit or a used-up budget made no call: nothing to time or to hold against the
    // vendor, but the state may have changed.
    if (code !== 'circuit_open' && code !== 'budget_exhausted') {
      track.window.add(!failed, outcome.latencyMs);
      this.metrics.callDuration.observe(
        { connector: connector.id, operation, outcome: code },
        outcome.latencyMs / 1000,
      );
    }
    const at = new Date().toISOString();
    if (failed) {
      track.lastFailureAt = at;
      track.lastError = outcome.error;
    } else track.lastSuccessAt = at;
    this.evaluate(connector, track);
  }

  /** Called on every state change, after the log line and before the alert. */
  onStateChange(listener: (change: InterfaceStateChange) => void): void {
    this.listeners.push(listener);
  }

  addDetails(source: ReportDetails): void {
    this.details.push(source);
  }

  /** The report with every registered detail (a detail source that fails is left out). */
  async fullReport(): Promise<InterfaceReport[]> {
    const extra = await Promise.all(
      this.details.map((d) => d().catch((): Record<string, Partial<InterfaceReport>> => ({}))),
    );
    return this.report().map((r) => Object.assign(r, ...extra.map((e) => e[r.connector] ?? {})));
  }

  report(): InterfaceReport[] {
    return this.connectors.all().map((c) => {
      const track = this.tracks.get(c.id)!;
      const circuit = this.resilience.for(c.id).circuit;
      const window = track.window.stats();
      return {
        connector: c.id,
        system: c.system,
        type: c.type,
        state: this.stateOf(track, circuit, window),
        circuit,
        ...(track.lastSuccessAt ? { lastSuccessAt: track.lastSuccessAt } : {}),
        ...(track.lastFailureAt ? { lastFailureAt: track.lastFailureAt, lastError: track.lastError } : {}),
        window,
      };
    });
  }

  /** Runs every connector's cheap health check once (through its policy: an open circuit's probe is the half-open trial). */
  async probeAll(): Promise<void> {
    await Promise.all(
      this.connectors.all().map(async (c) => {
        const started = performance.now();
        const signal = AbortSignal.timeout(5_000);
        let outcome: CallOutcome<unknown>;
        try {
          await this.resilience.for(c.id).execute(
            (s) => c.healthCheck({ signal: s }),
            () => 5_000,
            signal,
          );
          outcome = {
            kind: 'ok',
            value: true,
            latencyMs: Math.round(performance.now() - started),
            fetchedAt: '',
          };
        } catch (error) {
          const e = error as { code?: string; message?: string };
          outcome = {
            kind: 'failed',
            error: { code: e.code ?? 'unknown', message: e.message ?? 'health check failed' },
            latencyMs: Math.round(performance.now() - started),
          };
        }
        this.record(c, 'healthCheck', outcome);
      }),
    );
  }

  private evaluate(connector: Connector, track: Track): void {
    const circuit = this.resilience.for(connector.id).circuit;
    // Counts only on every call; the percentiles (a sort of the window) only for a change.
    const next = this.stateOf(track, circuit, track.window.health());
    this.metrics.circuit.set({ connector: connector.id }, CIRCUIT_VALUE[circuit]);
    this.metrics.interfaceUp.set({ connector: connector.id }, STATE_VALUE[next]);
    if (next === track.state) return;
    const from = track.state;
    track.state = next;
    this.metrics.stateChanges.inc({ connector: connector.id, to: next });
    const line = `interface ${connector.id} (${connector.system}) ${from} → ${next}`;
    if (next === 'up') this.logger.log(line);
    else this.logger.warn(`${line}${track.lastError ? `: ${track.lastError.code}` : ''}`);
    const change: InterfaceStateChange = {
      connector: connector.id,
      system: connector.system,
      type: connector.type,
      from,
      to: next,
      circuit,
      window: track.window.stats(),
      lastError: track.lastError,
      at: new Date().toISOString(),
    };
    for (const listener of this.listeners) listener(change);
    void this.alert(change);
  }

  /**
   * A down interface stays down while its circuit only tries one call (half-open): the trial's
   * own outcome decides, so a hung vendor does not flap down → degraded → down on every trial.
   */
  private stateOf(
    track: Track,
    circuit: InterfaceReport['circuit'],
    window: Parameters<typeof interfaceState>[1],
  ) {
    if (track.state === 'down' && circuit === 'half_open') return 'down' as const;
    return interfaceState(circuit, window);
  }

  private async alert(event: InterfaceStateChange): Promise<void> {
    await this.webhook?.send('interface_state_changed', { ...event });
  }
}
