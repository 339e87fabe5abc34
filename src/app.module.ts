import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { ZodValidationPipe } from 'nestjs-zod';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ProblemFilter } from './common/problem.filter';
import { type HubConfig } from './config/config.schema';
import { ContextModule } from './context/context.module';
import { CoreModule } from './core.module';
import { HealthController } from './health/health.controller';
import { loggerOptions } from './logging/logger.options';

@Module({})
export class AppModule {
  static forConfig(config: HubConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [LoggerModule.forRoot(loggerOptions()), CoreModule.forConfig(config), ContextModule],
      controllers: [HealthController],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_PIPE, useClass: ZodValidationPipe },
        { provide: APP_FILTER, useClass: ProblemFilter },
      ],
    };
  }
}
