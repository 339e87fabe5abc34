import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Public } from '../auth/scopes.decorator';
import { HubException } from '../common/problem';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { type CardAsset, loadCardAssets } from './card-assets';

/** The card page and its files: static, public, under a Content-Security-Policy that allows only the hub. */
@ApiExcludeController()
@Controller('card')
export class CardPageController {
  private readonly assets: ReadonlyMap<string, CardAsset> = loadCardAssets();

  constructor(@Inject(HUB_CONFIG) private readonly config: HubConfig) {}

  @Get()
  @Public()
  page(@Res({ passthrough: true }) reply: FastifyReply): string {
    const ancestors = (this.config.cards?.frameAncestors ?? ["'none'"]).join(' ');
    reply.header(
      'content-security-policy',
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        `base-uri 'none'; form-action 'none'; frame-ancestors ${ancestors}`,
    );
    return this.send(reply, 'card.html', 'no-store');
  }

  @Get(':file')
  @Public()
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: FastifyReply): string {
    if (file === 'card.html' || !this.assets.has(file)) {
      throw new HubException(404, 'not_found', 'Not found', 'No such card file.');
    }
    return this.send(reply, file, 'public, max-age=300');
  }

  private send(reply: FastifyReply, name: string, cache: string): string {
    const asset = this.assets.get(name)!;
    reply.header('content-type', asset.type);
    reply.header('cache-control', cache);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    return asset.body;
  }
}
