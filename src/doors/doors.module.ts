import { Module } from '@nestjs/common';
import { ContextModule } from '../context/context.module';
import { InsightsService } from '../insights/insights.service';
import { GladlyController } from './gladly/gladly.controller';
import { GladlyService } from './gladly/gladly.service';
import { IntercomActions } from './intercom/intercom-actions';
import { IntercomController } from './intercom/intercom.controller';
import { IntercomService } from './intercom/intercom.service';

/** The helpdesks' and bots' own ways in (docs/doors/), each answered from the hub's read paths. */
@Module({
  imports: [ContextModule],
  controllers: [GladlyController, IntercomController],
  // InsightsService is pure (no IO): the Intercom door computes each order's own flags with it.
  providers: [GladlyService, IntercomService, IntercomActions, InsightsService],
})
export class DoorsModule {}
