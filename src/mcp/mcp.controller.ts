import { All, Controller, Inject, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { noteForAudit } from '../audit/audit-note';
import { type AuthenticatedRequest } from '../auth/api-key.guard';
import { RequireScopes } from '../auth/scopes.decorator';
import { LimitWhen } from '../rate-limit/limit-when';
import { McpEndpoint } from './mcp-endpoint';
import { mcpAuditNote } from './mcp-audit';
import { isBatch, isRequest } from './mcp-message';
import { McpServers } from './mcp-servers';

/**
 * POST /mcp (Streamable HTTP; GET and DELETE answer 405: there are no sessions). A key needs one
 * tool's scope to get in; ApiKeyGuard answers 401 with WWW-Authenticate before this runs, and the
 * Origin hook (mcp-origin.hook.ts) refuses a browser page of a foreign origin before that.
 * docs/agents/mcp.md.
 */
@ApiExcludeController()
@Controller('mcp')
export class McpController {
  constructor(
    @Inject(McpEndpoint) private readonly endpoint: McpEndpoint,
    @Inject(McpServers) private readonly servers: McpServers,
  ) {}

  @All()
  @RequireScopes('shipments:read', 'context:read', 'actions:write')
  @LimitWhen((req) => isRequest(req.body))
  async serve(@Req() req: AuthenticatedRequest, @Res() reply: FastifyReply): Promise<void> {
    if (isBatch(req.body)) {
      await reply.status(400).send({
        jsonrpc: '2.0',
        id: null,
        error: { code: -32600, message: 'Send one JSON-RPC message per request: batches are not accepted.' },
      });
      return;
    }
    const call = { principal: req.principal!, request: req };
    noteForAudit(req, mcpAuditNote(req.body, this.servers.tools, this.servers.allowed(call)));
    await this.endpoint.serve(call, reply);
  }
}
