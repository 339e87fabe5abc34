import { randomUUID } from 'node:crypto';
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

/**
 * Answers a request Node's HTTP parser refused before it became a request (headers too large, a
 * malformed request, a client too slow to send it), then closes the connection. A socket that is
 * already gone gets nothing.
 */
export function refuseClient(error: NodeJS.ErrnoException, socket: Socket, log: Logger): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    socket.destroy();
    return;
  }
  const [status, code, title] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'invalid_request', 'Bad request'];
  const requestId = randomUUID();
  const detail =
    status === 431
      ? 'The request headers are larger than the server accepts (16 KiB in all).'
      : status === 408
        ? 'The request was not sent in time; send the whole request at once.'
        : 'The request is not valid HTTP.';
  const body = JSON.stringify({ ...problemBody(status, code, title, detail), requestId });
  // A response already on its way (a body that trickled past requestMs) cannot get a second one.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\n` +
        'content-type: application/problem+json\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\n` +
        'connection: close\r\n\r\n' +
        body,
    );
  } else socket.destroy();
  log.warn({ reqId: requestId, res: { statusCode: status }, code: error.code }, 'request refused');
}
