import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { type DestinationStream } from 'pino';
import { ZodValidationPipe } from 'nestjs-zod';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ProblemFilter } from './common/problem.filter';
import { type HubConfig } from './config/config.schema';
import { ContextModule } from './context/context.module';
import { CoreModule } from './core.module';
import { ActionsModule } from './actions/actions.module';
import { QueueBoardModule } from './admin/queue-board.module';
import { AuditModule } from './audit/audit.module';
import { ApiKeyThrottlerGuard } from './rate-limit/api-key-throttler.guard';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { DatabaseModule } from './database/database.module';
import { CardsModule } from './cards/cards.module';
import { DoorsModule } from './doors/doors.module';
import { HealthModule } from './health/health.module';
import { McpModule } from './mcp/mcp.module';
import { PlaybooksModule } from './playbooks/playbooks.module';
import { ConsoleGuard } from './console/console.guard';
import { ConsoleModule } from './console/console.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { ShipmentsModule } from './shipments/shipments.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { loggerOptions } from './logging/logger.options';

@Module({})
export class AppModule {
  static forConfig(
    config: HubConfig,
    options: { quiet?: boolean; logStream?: DestinationStream } = {},
  ): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot(
          loggerOptions(
            options.quiet ? { ...process.env, LOG_LEVEL: 'silent' } : process.env,
            options.logStream,
          ),
        ),
        CoreModule.forConfig(config),
        DatabaseModule.forConfig(config),
        MonitoringModule,
        HealthModule,
        ActionsModule.forConfig(config),
        // After ActionsModule: its Bull root configuration serves the webhooks queue too.
        WebhooksModule.forConfig(config),
        AuditModule.forConfig(config),
        RateLimitModule.forConfig(config),
        // A worker serves only health and metrics; support questions go to API processes.
        ...(config.server.role === 'worker'
          ? []
          : [
              ContextModule,
              ShipmentsModule,
              DoorsModule,
              PlaybooksModule,
              CardsModule,
              ...(config.mcp.enabled ? [McpModule] : []),
              ...(config.console.enabled ? [ConsoleModule] : []),
              QueueBoardModule.forConfig(config),
            ]),
      ],
      providers: [
        // In this order: the key is known before its rate limit is counted.
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        // Console pages: their session names the key, so the rate limit below counts it too.
        { provide: APP_GUARD, useClass: ConsoleGuard },
        { provide: APP_GUARD, useClass: ApiKeyThrottlerGuard },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
