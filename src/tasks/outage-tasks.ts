import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { type Connector } from '../connectors/contract';
import { InterfaceMonitor, type InterfaceStateChange } from '../monitoring/interface-monitor';
import { type NewTask, TasksService } from './tasks.service';

const dedupeKey = (connectorId: string) => `outage:${connectorId}`;

/**
 * The hub's part of an outage task. Where each kind of record is found by hand comes from the
 * connector (`manualLookup({})`: every record it reads, and by which key).
 */
const TEXT = {
  title: (c: Connector) => `${c.id} (${c.system}) is down`,
  whatFailed: (c: Connector, change: InterfaceStateChange) =>
    `Calls to ${c.id} (${c.type}) fail (${change.lastError?.code ?? 'unknown'}: ` +
    `${change.lastError?.message ?? 'no detail'}); the circuit is ${change.circuit}.`,
  meanwhile: (c: Connector) =>
    `Until ${c.id} answers again, support answers show its last good copy (marked stale) or nothing from it.`,
  byHand: 'To look records up by hand:',
  actions: (c: Connector) =>
    `Actions for ${c.id} wait and retry; those that run out of attempts become their own tasks.`,
  after: (c: Connector) => `The hub closes this task when ${c.id} answers again.`,
} as const;

/** The one task of an outage: what is down, where to look records up by hand meanwhile. */
export function outageTask(connector: Connector, change: InterfaceStateChange): NewTask {
  const lookup = connector.manualLookup({});
  return {
    kind: 'interface_down',
    connector: connector.id,
    system: connector.system,
    title: TEXT.title(connector),
    whatFailed: TEXT.whatFailed(connector, change),
    instructions: [
      TEXT.meanwhile(connector),
      TEXT.byHand,
      lookup.instructions,
      Object.keys(connector.actions ?? {}).length ? TEXT.actions(connector) : undefined,
      TEXT.after(connector),
    ]
      .filter(Boolean)
      .join(' '),
    url: lookup.url,
    dedupeKey: dedupeKey(connector.id),
  };
}

/**
 * One task per outage: opened when an interface goes down, closed by the hub when it is up
 * again. Every hub process watches, and the database's unique dedupe key keeps it to one task.
 */
@Injectable()
export class OutageTasks implements OnModuleInit {
  private readonly logger = new Logger('OutageTasks');

  constructor(
    @Inject(InterfaceMonitor) private readonly monitor: InterfaceMonitor,
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(TasksService) private readonly tasks: TasksService,
  ) {}

  onModuleInit(): void {
    this.monitor.onStateChange((change) => void this.follow(change));
  }

  async follow(change: InterfaceStateChange): Promise<void> {
    const connector = this.connectors.get(change.connector);
    if (!connector) return;
    try {
      if (change.to === 'down') {
        await this.tasks.open(outageTask(connector, change));
      } else if (change.to === 'up') {
        await this.tasks.closeByDedupeKey(
          dedupeKey(connector.id),
          'recovered',
          `${connector.id} answered again at ${change.at}.`,
        );
      }
    } catch (error) {
      this.logger.warn(`outage task for ${change.connector} not updated: ${(error as Error).message}`);
    }
  }
}
