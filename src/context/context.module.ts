import { Module } from '@nestjs/common';
import { InsightsService } from '../insights/insights.service';
import { ContextController } from './context.controller';
import { ContextService } from './context.service';
import { SourceCaller } from './source-caller';

@Module({
  controllers: [ContextController],
  providers: [ContextService, InsightsService, SourceCaller],
})
export class ContextModule {}
