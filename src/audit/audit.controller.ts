import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/scopes.decorator';
import { AuditLog } from './audit.log';
import { AuditPage, AuditQuery } from './audit.dto';
import { AuditQueryService } from './audit.query';
import { Problem } from '../context/context.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class AuditController {
  constructor(
    @Inject(AuditQueryService) private readonly audit: AuditQueryService,
    @Inject(AuditLog) private readonly log: AuditLog,
  ) {}

  @Get()
  @RequireScopes('admin')
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'Who asked what: every API request with key name, endpoint, subject, result and time',
    description:
      'Newest first. A customer is found by the same email or phone (the trail keeps a hash of it, never the value).',
  })
  @ApiOkResponse({ type: AuditPage })
  @ApiResponse({ status: 400, type: Problem, description: 'a query parameter out of its range' })
  async find(@Query() query: AuditQuery): Promise<AuditPage> {
    // What this process recorded a moment ago is written first, so a read-after-write finds it.
    await this.log.flush();
    const { rows, total } = await this.audit.find(query);
    return {
      events: rows.map((r) => ({
        id: r.id,
        at: new Date(r.at).toISOString(),
        ...(r.apiKeyName ? { apiKey: r.apiKeyName } : {}),
        method: r.method,
        route: r.route,
        ...(r.subjectType ? { subjectType: r.subjectType } : {}),
        ...(r.subject ? { subject: r.subject } : {}),
        status: r.status,
        outcome: r.outcome,
        ...(r.detail ? { detail: r.detail } : {}),
        requestId: r.requestId,
        latencyMs: r.latencyMs,
      })),
      total,
      limit: query.limit,
      offset: query.offset,
    };
  }
}
