import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/scopes.decorator';
import { ConnectorRegistry } from '../connectors/connector.registry';

/** Orchestrator probes: no key needed (API.md). Issue #4 adds Redis/database readiness via terminus. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry) {}

  @Public()
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Public()
  @Get('ready')
  ready(): { status: 'ok'; connectors: number } {
    return { status: 'ok', connectors: this.connectors.all().length };
  }
}
