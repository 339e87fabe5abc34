import { Module } from '@nestjs/common';
import { ContextModule } from '../context/context.module';
import { GladlyController } from './gladly/gladly.controller';
import { GladlyService } from './gladly/gladly.service';

/** The helpdesks' and bots' own ways in (docs/doors/), each answered from the hub's read paths. */
@Module({
  imports: [ContextModule],
  controllers: [GladlyController],
  providers: [GladlyService],
})
export class DoorsModule {}
