import { Module } from '@nestjs/common';
import { InsightsService } from '../insights/insights.service';
import { ContextController } from './context.controller';
import { FanoutFactory } from './fanout.factory';
import { CustomerContextService } from './customer-context.service';
import { OrderContextService } from './order-context.service';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { FRESH_MS, SourceCaller } from './source-caller';

@Module({
  controllers: [ContextController],
  providers: [
    OrderContextService,
    CustomerContextService,
    InsightsService,
    SourceCaller,
    FanoutFactory,
    { provide: FRESH_MS, useFactory: (c: HubConfig) => c.lastGood.freshSeconds * 1000, inject: [HUB_CONFIG] },
  ],
  exports: [OrderContextService, CustomerContextService, InsightsService],
})
export class ContextModule {}
