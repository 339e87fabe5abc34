import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { InterfaceMonitor, type InterfaceStateChange } from '../monitoring/interface-monitor';
import { TasksService } from './tasks.service';

const dedupeKey = (connectorId: string) => `outage:${connectorId}`;

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
        const lookup = connector.manualLookup({});
        await this.tasks.open({
          kind: 'interface_down',
          connector: connector.id,
          system: connector.system,
          title: `${connector.id} (${connector.system}) is down`,
          whatFailed:
            `Calls to ${connector.type} fail (${change.lastError?.code ?? 'unknown'}: ` +
            `${change.lastError?.message ?? 'no detail'}); the circuit is ${change.circuit}.`,
          instructions:
            `Until it is back, support answers show its last good copy (stale) or nothing from it. ` +
            `Look records up by hand: ${lookup.instructions} Actions for ${connector.id} wait and retry; ` +
            `those that run out of attempts become their own tasks. The hub closes this task when ` +
            `${connector.id} answers again.`,
          url: lookup.url,
          dedupeKey: dedupeKey(connector.id),
        });
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
