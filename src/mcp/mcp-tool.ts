import { type FastifyRequest } from 'fastify';
import { type z } from 'zod';
import { type AuditSubjectType } from '../audit/audit.entity';
import { type ApiKeyPrincipal } from '../auth/api-key.store';
import { type Scope } from '../auth/scopes';

/** One MCP request as the hub sees it: who sent it (the API key) and the HTTP request it came in. */
export interface McpCall {
  principal: ApiKeyPrincipal;
  request: FastifyRequest;
}

/** What MCP clients are told of a tool's behaviour (the spec's ToolAnnotations; hints only). */
export interface ToolHints {
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

/**
 * A hub operation offered as an MCP tool: the REST endpoint's own zod schemas as its input and
 * output, the REST scope, and the same service call (docs/agents/mcp.md).
 */
export interface HubTool<I extends z.ZodType = z.ZodType, O extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly title: string;
  /** Written for whoever wires an agent, and for the model that chooses the tool. */
  readonly description: string;
  /** The scope the REST endpoint needs; a key without it never sees the tool. */
  readonly scope: Scope;
  readonly input: I;
  readonly output: O;
  readonly hints: ToolHints;
  /** Whom a call is about, for its audit row (as the REST route would record it). */
  subject(args: z.output<I>): { type: AuditSubjectType; subject: string } | undefined;
  run(args: z.output<I>, call: McpCall): Promise<z.input<O>>;
}

export const MCP_TOOLS = Symbol('MCP_TOOLS');
