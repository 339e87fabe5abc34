import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Public } from '../auth/scopes.decorator';
import { projectRoot } from '../common/project-root';
import { CONSOLE_HEADERS } from './console-headers';

/** The console's one stylesheet (apps/console/console.css), read once; public, like any stylesheet. */
@ApiExcludeController()
@Controller('console')
export class ConsoleAssetsController {
  private readonly css = readFileSync(join(projectRoot(), 'apps', 'console', 'console.css'), 'utf8');

  @Get('console.css')
  @Public()
  stylesheet(@Res({ passthrough: true }) reply: FastifyReply): string {
    reply
      .headers(CONSOLE_HEADERS)
      .header('cache-control', 'public, max-age=300')
      .type('text/css; charset=utf-8');
    return this.css;
  }
}
