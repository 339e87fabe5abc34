import { type FastifyInstance } from 'fastify';
import { problemBody } from '../common/problem';

/**
 * The MCP spec's DNS-rebinding guard: a request to /mcp whose Origin header is not in
 * `mcp.allowedOrigins` is refused with 403 before anything else reads it. Agents calling from a
 * server send no Origin and pass.
 */
export function guardMcpOrigin(fastify: FastifyInstance, allowedOrigins: readonly string[]): void {
  const allowed = new Set(allowedOrigins.map((o) => o.toLowerCase()));
  fastify.addHook('onRequest', (req, reply, done) => {
    const origin = req.headers.origin;
    const path = req.url.split('?')[0];
    if ((path === '/mcp' || path === '/mcp/') && origin !== undefined && !allowed.has(origin.toLowerCase())) {
      void reply
        .status(403)
        .type('application/problem+json')
        .send(
          problemBody(
            403,
            'origin_not_allowed',
            'Forbidden',
            `Origin ${origin.slice(0, 100)} may not call /mcp; list it in mcp.allowedOrigins.`,
          ),
        );
      return;
    }
    done();
  });
}
