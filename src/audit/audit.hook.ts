import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type AuthenticatedRequest } from '../auth/api-key.guard';
import { type AuditLog } from './audit.log';
import { auditNoteOf } from './audit-note';
import { auditOutcome, auditSubject } from './audit-subject';

/**
 * Every API request (`/v1/...`, `/mcp`) is recorded once its answer is sent, whatever the answer
 * was; so is every console request a signed-in person made, and every sign-in attempt.
 */
export function auditRequests(fastify: FastifyInstance, audit: AuditLog): void {
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const route = req.routeOptions?.url ?? req.url.split('?')[0];
    if (route.startsWith('/v1/') || route === '/mcp' || consoleRequestToAudit(req, route)) {
      const note = reply.statusCode < 400 ? auditNoteOf(req) : undefined;
      const subject =
        note?.subject ??
        auditSubject(route, req.params as Record<string, unknown>, req.query as Record<string, unknown>);
      audit.record({
        apiKeyName: (req as AuthenticatedRequest).principal?.name ?? note?.apiKeyName ?? null,
        method: req.method,
        route: route.slice(0, 200),
        subjectType: subject?.type ?? null,
        subject: subject?.subject ?? null,
        status: note?.status ?? reply.statusCode,
        outcome: (note?.outcome ?? auditOutcome(reply.statusCode)).slice(0, 30),
        detail: note?.detail?.slice(0, 300) ?? null,
        requestId: String(req.id).slice(0, 100),
        latencyMs: Math.round(reply.elapsedTime),
      });
    }
    done();
  });
}

/** Console pages a signed-in person opened, and every form sent (sign-in attempts too); not the stylesheet. */
function consoleRequestToAudit(req: FastifyRequest, route: string): boolean {
  if (route !== '/console' && !route.startsWith('/console/')) return false;
  if (route === '/console/console.css') return false;
  return req.method === 'POST' || (req as AuthenticatedRequest).principal !== undefined;
}
