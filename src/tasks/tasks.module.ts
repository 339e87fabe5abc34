import { type DynamicModule, Module } from '@nestjs/common';
import { type HubConfig } from '../config/config.schema';
import { OutageTasks } from './outage-tasks';
import { TaskInterfaceDetails } from './task-interface-details';
import { TasksController } from './tasks.controller';
import { TasksService } from './tasks.service';

/** Manual-backup tasks; the API to list, claim and resolve them is served by API processes. */
@Module({})
export class TasksModule {
  static forConfig(config: HubConfig): DynamicModule {
    return {
      module: TasksModule,
      controllers: config.server.role === 'worker' ? [] : [TasksController],
      providers: [TasksService, OutageTasks, TaskInterfaceDetails],
      exports: [TasksService],
    };
  }
}
