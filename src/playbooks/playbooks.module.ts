import { Module } from '@nestjs/common';
import { ContextModule } from '../context/context.module';
import { RemediesController } from './remedies.controller';
import { RemediesService } from './remedies.service';
import { RemedyGate } from './remedy-gate';

/**
 * Playbooks as policy (docs/playbooks.md): loaded and compiled at boot, so a bad file stops the hub
 * with the file and field named; decisions answered per order.
 */
@Module({
  imports: [ContextModule],
  controllers: [RemediesController],
  // The engine itself is built once with the core (src/core.providers.ts): every answer decides.
  providers: [RemediesService, RemedyGate],
  exports: [RemediesService],
})
export class PlaybooksModule {}
