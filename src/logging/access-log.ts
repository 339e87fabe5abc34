import { type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type Logger } from 'pino';
import { requestIdFor } from '../common/request-id';
import { traceOf } from '../tracing/request-trace';
import { pathOf } from './logger.options';

/** Paths probed every few seconds by load balancers and orchestrators: not worth a line each. */
const UNLOGGED = ['/health'];

/**
 * One "request completed" line for every request the server receives: its request id (the one
 * the caller got in `x-request-id`, see request-id.ts), method, path, status and latency in ms. Hooked on the HTTP
 * server itself, so requests that Fastify answers before any route or middleware runs (a URL too
 * long, a malformed one) are logged as well as the rest. A request the caller gave up on before
 * the answer was sent is logged with `aborted: true`.
 */
export function logRequests(server: Server, log: Logger): void {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = pathOf(req);
    if (UNLOGGED.some((p) => path === p || path.startsWith(`${p}/`))) return;
    const started = performance.now();
    let logged = false;
    const done = () => {
      if (logged) return;
      logged = true;
      logCompleted(log, req, res, performance.now() - started);
    };
    res.once('finish', done);
    res.once('close', done);
  });
}

/** The access line of one request. */
function logCompleted(log: Logger, req: IncomingMessage, res: ServerResponse, ms: number): void {
  const aborted = !res.writableFinished;
  const status = aborted && !res.headersSent ? null : res.statusCode;
  const entry = {
    reqId: requestIdFor(req),
    req,
    res: { statusCode: status },
    responseTime: Math.round(ms),
    ...(aborted ? { aborted: true } : {}),
    // With tracing on: the trace this request began (docs/operations.md "Traces").
    ...traceOf(req),
  };
  // A 5xx is ours to look at; a 4xx or a caller that gave up is the caller's, logged a level lower.
  if (status !== null && status >= 500) log.error(entry, 'request completed');
  else if (status === null || status >= 400) log.warn(entry, 'request completed');
  else log.info(entry, 'request completed');
}
