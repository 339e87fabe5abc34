import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { HubMetrics } from '../monitoring/hub-metrics';
import { InterfaceMonitor } from '../monitoring/interface-monitor';
import { TasksService } from './tasks.service';

/**
 * `openTasks` per interface in /v1/interfaces, and the `hub_open_tasks` and
 * `hub_open_task_oldest_age_seconds` gauges (an alert fires on tasks waiting past their SLA).
 */
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
      const summary = await this.tasks.activeSummary();
      const details: Record<string, { openTasks: number }> = {};
      const now = Date.now();
      for (const { id } of this.connectors.all()) {
        const openTasks = summary[id]?.count ?? 0;
        details[id] = { openTasks };
        this.metrics.openTasks.set({ connector: id }, openTasks);
        const since = summary[id]?.oldest;
        this.metrics.oldestOpenTask.set(
          { connector: id },
          since ? Math.max(0, (now - since.getTime()) / 1000) : 0,
        );
      }
      return details;
    });
  }
}
