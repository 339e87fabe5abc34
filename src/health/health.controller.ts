import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { Public } from '../auth/scopes.decorator';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { REDIS } from '../redis/redis.tokens';

/** Orchestrator probes: no key needed (API.md). */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** The process answers. */
  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready to serve: configured, and Redis (shared copies, later queues) answers. 503 otherwise. */
  @Public()
  @Get('ready')
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const redis = await this.redis.ping().then(
      () => 'up' as const,
      () => 'down' as const,
    );
    const ready = redis === 'up';
    reply.status(ready ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: ready ? 'ok' : 'unavailable',
      checks: { redis },
      connectors: this.connectors.all().length,
    };
  }
}
