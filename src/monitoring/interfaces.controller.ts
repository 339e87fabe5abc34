import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PublicIf, RequireScopes } from '../auth/scopes.decorator';
import { HubMetrics } from './hub-metrics';
import { InterfaceMonitor, type InterfaceReport } from './interface-monitor';

@ApiTags('monitoring')
@ApiBearerAuth()
@Controller()
export class InterfacesController {
  constructor(
    @Inject(InterfaceMonitor) private readonly monitor: InterfaceMonitor,
    @Inject(HubMetrics) private readonly metrics: HubMetrics,
  ) {}

  @Get('v1/interfaces')
  @RequireScopes('interfaces:read')
  @ApiOperation({
    operationId: 'listInterfaces',
    summary: 'Health of every interface: state, circuit, last success/failure, rolling window',
  })
  interfaces(): Promise<InterfaceReport[]> {
    return this.monitor.fullReport();
  }

  @Get('metrics')
  @RequireScopes('interfaces:read')
  @PublicIf((config) => config.monitoring.metricsPublic)
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics (needs interfaces:read unless monitoring.metricsPublic)',
  })
  async prometheus(): Promise<string> {
    // Queue depths and open tasks are read now, so the scrape sees current values.
    await this.monitor.fullReport();
    return this.metrics.registry.metrics();
  }
}
