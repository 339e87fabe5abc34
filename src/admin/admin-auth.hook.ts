import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type ApiKeyStore } from '../auth/api-key.store';
import { problemBody } from '../common/problem';

/**
 * The API key of a request: `Authorization: Bearer <key>`, or HTTP Basic with the key as the
 * password (so a browser can open the admin pages: it asks for it in its own dialog).
 */
export function presentedKey(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!basic) return undefined;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 ? decoded.slice(colon + 1) || undefined : undefined;
}

/**
 * Puts every route under `prefix` (pages served by plugins, outside Nest's guards) behind the
 * `admin` scope: 401 with a Basic challenge without a known key, 403 for a key without `admin`.
 */
export function guardAdminRoutes(fastify: FastifyInstance, prefix: string, keys: ApiKeyStore): void {
  fastify.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    const path = req.url.split('?')[0];
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return;
    const key = presentedKey(req.headers.authorization);
    const principal = key ? keys.find(key) : undefined;
    if (!principal) {
      return reply
        .code(401)
        .header('www-authenticate', 'Basic realm="Context Hub admin", charset="UTF-8"')
        .type('application/problem+json')
        .send(
          problemBody(
            401,
            'unauthorized',
            'Unauthorized',
            'Send an admin API key (Bearer, or as the Basic password).',
          ),
        );
    }
    if (!principal.scopes.has('admin')) {
      return reply
        .code(403)
        .type('application/problem+json')
        .send(
          problemBody(
            403,
            'insufficient_scope',
            'Forbidden',
            `API key "${principal.name}" lacks the scope admin.`,
          ),
        );
    }
  });
}
