import { Module } from '@nestjs/common';
import { ContextModule } from '../context/context.module';
import { GladlyController } from './gladly/gladly.controller';
import { GladlyService } from './gladly/gladly.service';
import { IntercomActions } from './intercom/intercom-actions';
import { IntercomController } from './intercom/intercom.controller';
import { IntercomService } from './intercom/intercom.service';

/** The helpdesks' and bots' own ways in (docs/doors/), each answered from the hub's read paths. */
@Module({
  imports: [ContextModule],
  controllers: [GladlyController, IntercomController],
  // ContextModule gives the read paths and InsightsService (each order's own flags); ActionsModule,
  // global, gives the actions pipeline the Intercom door requests through.
  providers: [GladlyService, IntercomService, IntercomActions],
})
export class DoorsModule {}
