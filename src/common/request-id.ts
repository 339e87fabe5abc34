import { randomUUID } from 'node:crypto';
import { type IncomingMessage } from 'node:http';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** One id per request, whoever asks (Fastify when the request arrives, the access log when it ends). */
const assigned = new WeakMap<IncomingMessage, string>();

/** Keeps a caller's x-request-id when it is safe to echo into logs and headers; otherwise mints one. */
export function requestIdFor(req: IncomingMessage): string {
  let id = assigned.get(req);
  if (id === undefined) {
    const given = req.headers['x-request-id'];
    const value = Array.isArray(given) ? given[0] : given;
    id = value && SAFE_ID.test(value) ? value : randomUUID();
    assigned.set(req, id);
  }
  return id;
}
