import { Controller, Get, Header, Inject } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { Problem } from '../context/context.dto';
import { InterfaceReportSchema } from './interface-report.schema';
import { PublicIf, RequireScopes } from '../auth/scopes.decorator';
import type Redis from 'ioredis';
import { REDIS } from '../redis/redis.tokens';
import { HubMetrics } from './hub-metrics';
import { InterfaceMonitor, type InterfaceReport as Report } from './interface-monitor';

/**
 * Whether Redis answers a ping. The shared client bounds it already (no offline queue, a 500 ms
 * command timeout: src/redis/redis.client.ts), as /health/ready relies on too.
 */
function answers(redis: Redis): Promise<boolean> {
  return redis.ping().then(
    () => true,
    () => false,
  );
}

// The class name is the OpenAPI schema's name.
class InterfaceReport extends createZodDto(InterfaceReportSchema) {}

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller()
export class InterfacesController {
  constructor(
    @Inject(InterfaceMonitor) private readonly monitor: InterfaceMonitor,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get('v1/interfaces')
  @RequireScopes('interfaces:read')
  @ApiOperation({
    operationId: 'listInterfaces',
    summary: 'Health of every interface: state, circuit, last success/failure, rolling window',
    description:
      'One entry per configured connector: up, degraded or down from its recent calls, its circuit breaker, ' +
      'the last success and failure with the error, latency percentiles, its action queue and the ' +
      'manual-backup tasks still open. For dashboards and for an agent checking whether a system is down.',
  })
  @ApiOkResponse({ type: InterfaceReport, isArray: true })
  @ApiResponse({ status: 401, type: Problem, description: 'no API key, or an unknown one' })
  @ApiResponse({ status: 403, type: Problem, description: 'the key lacks interfaces:read' })
  interfaces(): Promise<Report[]> {
    return this.monitor.fullReport();
  }

  @Get('metrics')
  @RequireScopes('interfaces:read')
  @PublicIf((config) => config.monitoring.metricsPublic)
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (needs interfaces:read unless monitoring.metricsPublic)',
    description:
      'The Prometheus text exposition for a scraper: vendor call durations by connector, operation and ' +
      "outcome, circuit and interface state, queue jobs, open tasks and the oldest one's age, actions by " +
      'status, sources in answers (copies served, deadline cuts), webhooks by outcome, Redis, and process ' +
      'metrics (docs/operations.md; the alert rules on them: docs/alerts.md).',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text format 0.0.4', schema: { type: 'string' } })
  @ApiResponse({ status: 401, type: Problem, description: 'no API key, or an unknown one (unless public)' })
  @ApiResponse({ status: 403, type: Problem, description: 'the key lacks interfaces:read' })
  async prometheus(): Promise<string> {
    // Queue depths, open tasks and Redis are read now, so the scrape sees current values.
    const [, redisUp] = await Promise.all([this.monitor.fullReport(), answers(this.redis)]);
    this.metrics.redisUp.set(redisUp ? 1 : 0);
    return this.metrics.registry.metrics();
  }
}
