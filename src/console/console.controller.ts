import { Controller, Get, Inject, Param, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { ActionsService } from '../actions/actions.service';
import { AuditLog } from '../audit/audit.log';
import { AuditQueryService } from '../audit/audit.query';
import { Public } from '../auth/scopes.decorator';
import { HubException } from '../common/problem';
import { ConnectorRegistry } from '../connectors/connector.registry';
import { InterfaceMonitor } from '../monitoring/interface-monitor';
import { ActionIdParamsSchema } from '../actions/action-request.schema';
import { ConsoleAccess, type ConsoleRequest } from './console-access';
import { ConsoleErrorFilter } from './console-error.filter';
import { AuditFiltersSchema, firstIssue, PageQuerySchema } from './console-forms';
import { asPage } from './console-headers';
import { actionPage, actionsPage } from './pages/actions.page';
import { auditPage } from './pages/audit.page';
import { interfacesPage } from './pages/interfaces.page';
import { mayOpen, NO_PAGE, SECTIONS } from './pages/layout';

const PAGE_SIZE = 50;

/** The console's read-only pages: interfaces, actions and (for admins) the audit trail. */
@ApiExcludeController()
@Controller('console')
@Public()
@ConsoleAccess()
@UseFilters(ConsoleErrorFilter)
export class ConsoleController {
  constructor(
    @Inject(InterfaceMonitor) private readonly monitor: InterfaceMonitor,
    @Inject(ConnectorRegistry) private readonly connectors: ConnectorRegistry,
    @Inject(ActionsService) private readonly actions: ActionsService,
    @Inject(AuditQueryService) private readonly audit: AuditQueryService,
    @Inject(AuditLog) private readonly auditLog: AuditLog,
  ) {}

  /** The interfaces, or the first page this key may open when it may not read them. */
  @Get()
  async home(@Req() req: ConsoleRequest, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const viewer = asPage(reply, req);
    if (!mayOpen(viewer.scopes, 'interfaces')) {
      const first = SECTIONS.find((s) => mayOpen(viewer.scopes, s.id));
      // A key whose scopes changed since it signed in may open nothing any more.
      if (!first) throw new HubException(403, 'insufficient_scope', 'Forbidden', NO_PAGE(viewer.key));
      reply.code(303).header('location', first.path);
      return '';
    }
    const reports = await this.monitor.fullReport();
    return interfacesPage(
      viewer,
      reports.map((r) => ({ ...r, byHand: this.connectors.get(r.connector)!.manualLookup({}) })),
    ).text;
  }

  @Get('actions')
  @ConsoleAccess('actions:write')
  async actionList(
    @Req() req: ConsoleRequest,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = asPage(reply, req);
    const page = PageQuerySchema.safeParse(query ?? {});
    if (!page.success) throw HubException.badRequest(firstIssue(page.error));
    const list = await this.actions.recent(req.principal!, { limit: PAGE_SIZE, offset: page.data.offset });
    return actionsPage(viewer, { ...list, limit: PAGE_SIZE, offset: page.data.offset }).text;
  }

  @Get('actions/:id')
  @ConsoleAccess('actions:write')
  async action(
    @Req() req: ConsoleRequest,
    @Param() params: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = asPage(reply, req);
    const id = ActionIdParamsSchema.safeParse(params);
    if (!id.success) throw HubException.badRequest(firstIssue(id.error));
    return actionPage(viewer, await this.actions.get(req.principal!, id.data.id)).text;
  }

  @Get('audit')
  @ConsoleAccess('admin')
  async auditTrail(
    @Req() req: ConsoleRequest,
    @Query() query: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const viewer = asPage(reply, req);
    const filters = AuditFiltersSchema.safeParse(query ?? {});
    if (!filters.success) throw HubException.badRequest(firstIssue(filters.error));
    const wanted = { ...filters.data, limit: PAGE_SIZE };
    // What was recorded a moment ago (an override just made) is on the page too.
    await this.auditLog.flush();
    const list = await this.audit.find(wanted);
    return auditPage(viewer, wanted, list).text;
  }
}
