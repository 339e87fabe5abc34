import { type FastifyReply } from 'fastify';
import { type ConsoleRequest } from './console-access';
import { type Viewer } from './pages/layout';

/**
 * Every console answer: only the hub's own stylesheet and forms, no scripts at all, never in a
 * frame, never cached (pages show people's orders), no referrer to the vendor links.
 */
export const CONSOLE_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** An HTML answer with the console's headers, for the viewer the guard found. */
export function asPage(reply: FastifyReply, req: ConsoleRequest): Viewer {
  reply.headers(CONSOLE_HEADERS).type('text/html; charset=utf-8');
  return req.viewer!;
}
