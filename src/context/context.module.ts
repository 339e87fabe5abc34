import { Module } from '@nestjs/common';
import { InsightsService } from '../insights/insights.service';
import { ContextController } from './context.controller';
import { FanoutFactory } from './fanout.factory';
import { CustomerContextService } from './customer-context.service';
import { OrderContextService } from './order-context.service';
import { SourceCaller } from './source-caller';

@Module({
  controllers: [ContextController],
  providers: [OrderContextService, CustomerContextService, InsightsService, SourceCaller, FanoutFactory],
  exports: [OrderContextService],
})
export class ContextModule {}
