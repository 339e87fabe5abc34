import { type AuditNote } from '../audit/audit-note';
import { type HubTool } from './mcp-tool';
import { methodOf, toolCallOf } from './mcp-message';

/**
 * What an /mcp request's audit row says before the SDK answers it, so that a refusal the SDK
 * gives in an HTTP 200 reads as the REST call's would: a tool the key may not call is 403
 * forbidden (404 when no such tool exists), arguments its schema refuses are 400. A tool that
 * runs adds its subject and outcome itself (mcp-servers.ts).
 */
export function mcpAuditNote(
  body: unknown,
  tools: readonly HubTool[],
  allowed: readonly HubTool[],
): AuditNote {
  const method = methodOf(body);
  if (method === undefined) return {};
  const call = toolCallOf(body);
  if (method !== 'tools/call' || !call) return { detail: method };
  const tool = tools.find((t) => t.name === call.name);
  if (!tool) return { detail: 'tools/call (no such tool)', status: 404, outcome: 'not_found' };
  const detail = `tools/call ${tool.name}`;
  if (!allowed.includes(tool)) return { detail, status: 403, outcome: 'forbidden' };
  if (!tool.input.safeParse(call.args).success) return { detail, status: 400, outcome: 'invalid_request' };
  return { detail };
}
