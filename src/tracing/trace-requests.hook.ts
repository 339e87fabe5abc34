import { context, type Span, SpanStatusCode } from '@opentelemetry/api';
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { type HubTracer } from './hub-tracer';
import { rememberTrace } from './request-trace';

const spans = new WeakMap<object, Span>();

/**
 * One span per HTTP request (docs/operations.md "Traces"): a child of the caller's W3C
 * `traceparent` when it sends one, named by the route (never the path: paths carry order numbers
 * and emails), with the vendor calls of the request as its children. The access log line names
 * its trace (request-trace.ts).
 */
export function traceRequests(fastify: FastifyInstance, tracer: HubTracer): void {
  if (!tracer.enabled) return;
  fastify.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: () => void) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    const { span, context: traced } = tracer.startRequest(req.headers, `${req.method} ${route}`, {
      'http.request.method': req.method,
      'http.route': route,
    });
    spans.set(req, span);
    const { traceId, spanId } = span.spanContext();
    rememberTrace(req.raw, { traceId, spanId });
    // The rest of the request (hooks, guards, the handler and its awaits) runs in this span.
    context.with(traced, done);
  });
  fastify.addHook('onResponse', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const span = spans.get(req);
    if (span) {
      span.setAttribute('http.response.status_code', reply.statusCode);
      if (reply.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    }
    done();
  });
}
