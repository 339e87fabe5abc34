import { Module } from '@nestjs/common';
import { InsightsService } from '../insights/insights.service';
import { ContextController } from './context.controller';
import { ContextService } from './context.service';

@Module({
  controllers: [ContextController],
  providers: [ContextService, InsightsService],
})
export class ContextModule {}
