import { BullModule } from '@nestjs/bull';
import { type DynamicModule, Module } from '@nestjs/common';
import { type HubConfig } from '../config/config.schema';
import { TasksModule } from '../tasks/tasks.module';
import { ActionQueueRegistry } from './action-queue.registry';
import { actionQueueName, BullConnections, bullRootOptions } from './action-queues';
import { ActionRunner } from './action.runner';
import { ActionStore } from './action.store';
import { ActionWorker } from './action.worker';
import { ActionsController } from './actions.controller';
import { ActionsService } from './actions.service';
import { GrantedRemedies } from './granted-remedies';
import { RemedyNotice } from './remedy-notice';

/**
 * Actions: API processes accept and queue them (HUB_ROLE api or all), workers run them (worker
 * or all). One Bull queue per connector.
 */
@Module({})
export class ActionsModule {
  static forConfig(config: HubConfig): DynamicModule {
    const role = config.server.role;
    const connections = new BullConnections();
    return {
      module: ActionsModule,
      // Global: its services are built once per config (Bull connections, queues), and doors that
      // request actions (docs/doors/intercom.md) use these, not copies.
      global: true,
      imports: [
        BullModule.forRoot(bullRootOptions(config, connections)),
        BullModule.registerQueue(
          ...Object.keys(config.connectors).map((id) => ({ name: actionQueueName(id) })),
        ),
        TasksModule.forConfig(config),
      ],
      controllers: role === 'worker' ? [] : [ActionsController],
      providers: [
        { provide: BullConnections, useValue: connections },
        ActionStore,
        ActionQueueRegistry,
        ActionsService,
        GrantedRemedies,
        RemedyNotice,
        ...(role === 'api' ? [] : [ActionRunner, ActionWorker]),
      ],
      exports: [ActionQueueRegistry, ActionStore, ActionsService, GrantedRemedies, TasksModule],
    };
  }
}
