import { Controller, Get, HttpStatus, Inject, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { type FastifyReply } from 'fastify';
import { Public } from '../auth/scopes.decorator';
import { RedisHealthIndicator } from './redis.health';
import { LivenessSchema, ReadinessSchema } from './health.schemas';

class Liveness extends createZodDto(LivenessSchema) {}
class Readiness extends createZodDto(ReadinessSchema) {}

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
  @ApiOperation({
    operationId: 'checkLiveness',
    summary: 'The process answers',
    description: 'For a liveness probe: 200 while the process serves HTTP, whatever Redis or the vendors do.',
  })
  @ApiOkResponse({ type: Liveness })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  @ApiOperation({
    operationId: 'checkReadiness',
    summary: 'Ready to serve: Redis and the database answer (503 otherwise)',
    description:
      'For a readiness probe and a load balancer: 200 when Redis and the database answer, 503 naming what ' +
      'did not. Vendors being down does not make the hub unready: it answers from its last good copies.',
  })
  @ApiOkResponse({ type: Readiness })
  @ApiResponse({ status: 503, type: Readiness, description: 'Redis or the database did not answer' })
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
