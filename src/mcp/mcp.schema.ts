import { z } from 'zod';

/**
 * The MCP server at /mcp (docs/agents/mcp.md): AI agents call the hub's tools with an API key as a
 * bearer token. On by default; it answers only keys with a tool's scope.
 */
export const McpSchema = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * Browser origins allowed to call /mcp (e.g. "https://inspector.example.com"). A request
     * that carries an Origin header not listed here is refused with 403 (DNS rebinding); agents
     * calling from a server send no Origin and are not affected. Default: none.
     */
    allowedOrigins: z
      .array(
        z
          .string()
          .regex(
            /^https?:\/\/[\w.-]+(:\d{1,5})?$/,
            'an origin: scheme, host and port, e.g. https://a.example.com',
          ),
      )
      .default([]),
  })
  .strict();
export type McpConfig = z.infer<typeof McpSchema>;
