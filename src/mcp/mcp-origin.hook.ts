import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { problemBody } from '../common/problem';

/** What a browser client of /mcp sends and may read (the MCP transport's headers, RFC 6750's). */
const ALLOW_HEADERS =
  'authorization, content-type, accept, mcp-protocol-version, mcp-session-id, last-event-id';
const EXPOSE_HEADERS = 'www-authenticate, retry-after, mcp-session-id, x-request-id';

/** The /mcp route, however the path was written (`/%6dcp` is routed there too). */
function isMcp(req: FastifyRequest): boolean {
  return req.routeOptions?.url === '/mcp';
}

/**
 * The MCP spec's DNS-rebinding guard, and CORS for the browser clients the config lists: a
 * request to /mcp whose Origin header is not in `mcp.allowedOrigins` is refused with 403 before
 * anything else reads it; a listed origin gets its preflight answered and may read the answers.
 * Agents calling from a server send no Origin and pass.
 */
export function guardMcpOrigin(fastify: FastifyInstance, allowedOrigins: readonly string[]): void {
  const allowed = new Set(allowedOrigins.map((o) => o.toLowerCase()));
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const origin = req.headers.origin;
    if (!isMcp(req) || origin === undefined) return done();
    if (!allowed.has(origin.toLowerCase())) {
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
    reply.header('access-control-allow-origin', origin).header('vary', 'origin');
    if (req.method === 'OPTIONS') {
      void reply
        .status(204)
        .header('access-control-allow-methods', 'POST, GET, DELETE')
        .header('access-control-allow-headers', ALLOW_HEADERS)
        .header('access-control-max-age', '600')
        .send();
      return;
    }
    reply.header('access-control-expose-headers', EXPOSE_HEADERS);
    done();
  });
}
