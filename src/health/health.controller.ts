import { Controller, Get, HttpStatus, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { type FastifyReply } from 'fastify';
import { Public } from '../auth/scopes.decorator';
import { RedisHealthIndicator } from './redis.health';

/** Orchestrator probes (terminus): no key needed (docs/operations.md). */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(RedisHealthIndicator) private readonly redis: RedisHealthIndicator,
    @Inject(TypeOrmHealthIndicator) private readonly database: TypeOrmHealthIndicator,
  ) {}

  @Public()
  @Get('live')
  @ApiOperation({ operationId: 'checkLiveness', summary: 'The process answers' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    operationId: 'checkReadiness',
    summary: 'Ready to serve: Redis and the database answer (503 otherwise)',
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    try {
      return await this.health.check([
        () => this.redis.pingCheck('redis'),
        () => this.database.pingCheck('database', { timeout: 1_500 }),
      ]);
    } catch (error) {
      if (!(error instanceof ServiceUnavailableException)) throw error;
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return error.getResponse() as object;
    }
  }
}
