import { Inject, Injectable, Logger } from '@nestjs/common';
import { type CallToolResult, McpServer } from '@modelcontextprotocol/server';
import { noteForAudit } from '../audit/audit-note';
import { auditOutcome } from '../audit/audit-subject';
import { ApiKeyStore } from '../auth/api-key.store';
import { HubException } from '../common/problem';
import { type HubTool, MCP_TOOLS, type McpCall } from './mcp-tool';

const ABOUT =
  'Context Hub answers questions about e-commerce orders from the shop, warehouse, carriers, payments ' +
  'and help desks.';
const FOR_BOTS =
  ' For a customer asking where their order is, use get_shipment_status: ask for the order number and ' +
  'the email or postal code on the order first, relay `message`, and hand over to a person when ' +
  '`escalate` is true.';
const FOR_STAFF = ' The context tools hold personal data: they are for assisting support staff.';

/**
 * Builds the MCP server for one request: only the tools the API key's scopes allow, each calling
 * the same service as its REST endpoint and noting the call for the audit trail.
 */
@Injectable()
export class McpServers {
  private readonly logger = new Logger('Mcp');

  constructor(@Inject(MCP_TOOLS) readonly tools: readonly HubTool[]) {}

  /** The tools a key may list and call. */
  allowed(call: McpCall | undefined): HubTool[] {
    return call ? this.tools.filter((t) => ApiKeyStore.allows(call.principal, [t.scope])) : [];
  }

  build(call: McpCall | undefined, version: string): McpServer {
    const tools = this.allowed(call);
    const scopes = new Set(tools.map((t) => t.scope));
    const instructions =
      ABOUT + (scopes.has('shipments:read') ? FOR_BOTS : '') + (scopes.has('context:read') ? FOR_STAFF : '');
    const server = new McpServer(
      { name: 'context-hub', title: 'Context Hub', version },
      // The tool list never changes while a request is served: no listen stream to hold open.
      { instructions, capabilities: { tools: { listChanged: false } } },
    );
    for (const tool of tools) {
      server.registerTool(
        tool.name,
        {
          title: tool.title,
          description: tool.description,
          inputSchema: tool.input,
          outputSchema: tool.output,
          annotations: { title: tool.title, ...tool.hints },
        },
        (args: unknown) => this.run(tool, args, call!),
      );
    }
    return server;
  }

  private async run(tool: HubTool, args: unknown, call: McpCall): Promise<CallToolResult> {
    noteForAudit(call.request, { detail: `tools/call ${tool.name}`, subject: tool.subject(args) });
    try {
      const result = (await tool.run(args, call)) as Record<string, unknown>;
      return { content: [{ type: 'text', text: JSON.stringify(result) }], structuredContent: result };
    } catch (error) {
      if (error instanceof HubException) return refusal(error, call);
      this.logger.error(`tool ${tool.name} failed: ${(error as Error).stack ?? String(error)}`);
      return refusal(
        new HubException(500, 'internal_error', 'Internal error', 'The hub could not answer; try again.'),
        call,
      );
    }
  }
}

/**
 * A refusal as a tool result the model can read: the REST problem's code and detail (and, for a
 * 503, which systems did not answer), so an agent can tell "no such order" from "try later".
 */
function refusal(error: HubException, call: McpCall): CallToolResult {
  // The audit row reads as the REST call's would (HTTP says 200: MCP carries refusals in its result).
  noteForAudit(call.request, { status: error.status, outcome: auditOutcome(error.status) });
  const problem = {
    code: error.code,
    status: error.status,
    title: error.title,
    ...(error.detail ? { detail: error.detail } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(error.extensions ?? {}),
  };
  return { isError: true, content: [{ type: 'text', text: JSON.stringify(problem) }] };
}
