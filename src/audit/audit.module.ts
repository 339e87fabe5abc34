import { type DynamicModule, Module } from '@nestjs/common';
import { type HubConfig } from '../config/config.schema';
import { AuditController } from './audit.controller';
import { AuditLog } from './audit.log';
import { AuditQueryService } from './audit.query';

/** The audit trail: written by every process that serves the API, purged by workers. */
@Module({})
export class AuditModule {
  static forConfig(config: HubConfig): DynamicModule {
    return {
      module: AuditModule,
      // Global: the ops console flushes the same buffer before it reads the trail.
      global: true,
      controllers: config.server.role === 'worker' ? [] : [AuditController],
      providers: [AuditLog, AuditQueryService],
      exports: [AuditLog],
    };
  }
}
