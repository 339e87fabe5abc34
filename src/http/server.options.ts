import { randomUUID } from 'node:crypto';
import { type ServerResponse } from 'node:http';
import { type Socket } from 'node:net';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { type Logger } from 'pino';
import { problemBody } from '../common/problem';
import { requestIdFor } from '../common/request-id';
import { type HubConfig } from '../config/config.schema';

/** Request bodies larger than this are refused with 413 (the largest real one is a note or a webhook). */
export const BODY_LIMIT = 256 * 1024;

/**
 * The options of the hub's HTTP server (Fastify under Nest): request ids, size limits, the
 * timeouts that cut off slow or stalled clients, and problem+json answers (with a request id)
 * for the errors raised before any route runs.
 */
export function serverOptions(config: HubConfig, log: () => Logger) {
  const { headersMs, requestMs, keepAliveMs } = config.server.timeouts;
  return {
    genReqId: requestIdFor,
    bodyLimit: BODY_LIMIT,
    // Node checks the header and request timeouts every `connectionsCheckingInterval`; 30 s by
    // default, which would let a trickling client hold its connection for up to 30 s longer.
    http: { headersTimeout: headersMs, connectionsCheckingInterval: Math.min(1_000, headersMs) },
    requestTimeout: requestMs,
    keepAliveTimeout: keepAliveMs,
    // A long path parameter is bad input our own validation names (400), not a router 414.
    routerOptions: { maxParamLength: 2_048 },
    // Errors Fastify raises before any route runs (a malformed URL...) answer as problems too.
    frameworkErrors: (error: Error, req: FastifyRequest, reply: FastifyReply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 400;
      void reply
        .code(status)
        .header('x-request-id', req.id)
        .type('application/problem+json')
        .send({
          ...problemBody(status, 'invalid_request', 'Invalid request', error.message),
          requestId: req.id,
        });
    },
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => refuseClient(error, socket, log()),
  };
}

/** What Node's HTTP parser refuses, as the problem the caller reads (RFC 9457) and one log line. */
const CLIENT_ERRORS: Record<string, [number, string, string]> = {
  HPE_HEADER_OVERFLOW: [431, 'headers_too_large', 'Request header fields too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'request_timeout', 'Request timeout'],
};

/** Connections already refused: their client's last bytes may raise another error, not worth a second answer. */
const refused = new WeakSet<Socket>();

/**
 * Answers what Node's HTTP parser refused (headers too large, a malformed request, a client too
 * slow to send it), then closes the connection. A request whose head had arrived (its body was too
 * slow) is answered through its own response, with its own request id, so its access line says
 * 408 (access-log.ts); anything else gets a raw problem with a new id and a "request refused" line.
 */
export function refuseClient(error: NodeJS.ErrnoException, socket: Socket, log: Logger): void {
  if (error.code === 'ECONNRESET' || socket.destroyed || refused.has(socket)) {
    socket.destroy();
    return;
  }
  refused.add(socket);
  const [status, code, title] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'invalid_request', 'Bad request'];
  const detail =
    status === 431
      ? 'The request headers are larger than the server accepts (16 KiB in all).'
      : status === 408
        ? 'The request was not sent in time; send the whole request at once.'
        : 'The request is not valid HTTP.';
  const pending = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (pending?.headersSent || !socket.writable) {
    // An answer is already on its way (or cannot be sent): the connection just ends.
    socket.destroy();
    return;
  }
  const requestId = pending ? requestIdFor(pending.req) : randomUUID();
  const body = JSON.stringify({ ...problemBody(status, code, title, detail), requestId });
  const headers = {
    'content-type': 'application/problem+json',
    'content-length': Buffer.byteLength(body),
    'x-request-id': requestId,
    connection: 'close',
  };
  if (pending) {
    pending.writeHead(status, headers).end(body);
    return;
  }
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(`HTTP/1.1 ${status} ${title}\r\n${head}\r\n${body}`);
  log.warn({ reqId: requestId, res: { statusCode: status }, code: error.code }, 'request refused');
}
