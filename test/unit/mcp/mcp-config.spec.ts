import { McpSchema } from '../../../src/mcp/mcp.schema';

describe('the mcp config section', () => {
  it('is on by default and lets no browser origin in', () => {
    expect(McpSchema.parse({})).toEqual({ enabled: true, allowedOrigins: [] });
  });

  it('takes origins (scheme, host, port) and refuses anything else with the reason', () => {
    expect(
      McpSchema.parse({ allowedOrigins: ['https://agents.example.com', 'http://localhost:6274'] })
        .allowedOrigins,
    ).toHaveLength(2);
    for (const bad of ['agents.example.com', 'https://a.example.com/path', '*', 'ftp://a.example.com']) {
      const result = McpSchema.safeParse({ allowedOrigins: [bad] });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].message).toMatch(/an origin/);
    }
    expect(McpSchema.safeParse({ allowedOrigin: [] }).success).toBe(false);
  });
});
