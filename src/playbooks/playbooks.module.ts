import { join, resolve } from 'node:path';
import { Module } from '@nestjs/common';
import { projectRoot } from '../common/project-root';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { ContextModule } from '../context/context.module';
import { PlaybookEngine } from './playbook.engine';
import { loadPlaybooks } from './playbook.loader';
import { RemediesController } from './remedies.controller';
import { RemediesService } from './remedies.service';

/** The built-in playbooks (playbooks/), then the config's folder, which replaces or adds by id. */
export function playbookDirs(config: Pick<HubConfig, 'playbooks'>): string[] {
  return [join(projectRoot(), 'playbooks'), ...(config.playbooks.dir ? [resolve(config.playbooks.dir)] : [])];
}

/**
 * Playbooks as policy (docs/playbooks.md): loaded and compiled at boot, so a bad file stops the hub
 * with the file and field named; decisions answered per order.
 */
@Module({
  imports: [ContextModule],
  controllers: [RemediesController],
  providers: [
    {
      provide: PlaybookEngine,
      useFactory: (config: HubConfig) => new PlaybookEngine(loadPlaybooks(playbookDirs(config))),
      inject: [HUB_CONFIG],
    },
    RemediesService,
  ],
  exports: [PlaybookEngine, RemediesService],
})
export class PlaybooksModule {}
