import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { HubMetrics } from '../monitoring/hub-metrics';
import { InterfaceMonitor } from '../monitoring/interface-monitor';
import { TasksService } from './tasks.service';

/** `openTasks` per interface in /v1/interfaces, and the `hub_open_tasks` gauge. */
@Injectable()
export class TaskInterfaceDetails implements OnModuleInit {
  constructor(
    @Inject(InterfaceMonitor) private readonly monitor: InterfaceMonitor,
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(TasksService) private readonly tasks: TasksService,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
  ) {}

  onModuleInit(): void {
    this.monitor.addDetails(async () => {
      const counts = await this.tasks.activeCounts();
      const details: Record<string, { openTasks: number }> = {};
      for (const c of this.connectors.all()) {
        const openTasks = counts[c.id] ?? 0;
        details[c.id] = { openTasks };
        this.metrics.openTasks.set({ connector: c.id }, openTasks);
      }
      return details;
    });
  }
}
