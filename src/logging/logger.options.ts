import { context, trace } from '@opentelemetry/api';
import { type Params } from 'nestjs-pino';
import { type DestinationStream, type LoggerOptions } from 'pino';
import { scrub, scrubText } from './scrub';

/** Never log credentials: headers that carry keys and tokens are censored. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-shopify-access-token"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/**
 * Keys of a log object that their own serializer turns into a few plain fields (below). The
 * scrubbing formatter leaves them alone: copying a live request or response would walk the whole
 * socket and lose what the serializer reads (a copied response has no `headersSent`, so its status
 * was logged as null).
 */
const SERIALIZED = new Set(['req', 'res']);

/** The path a request asked for: a mounted middleware sees a rewritten `url`, so `originalUrl` first. */
export function pathOf(req: { originalUrl?: string; url?: string }): string {
  const url = req.originalUrl ?? req.url ?? '';
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

/** The active span's ids, for a log line written inside a traced request; nothing otherwise. */
function traceFields(): Record<string, string> {
  const span = trace.getSpan(context.active());
  if (!span?.isRecording()) return {};
  const { traceId, spanId } = span.spanContext();
  return { traceId, spanId };
}

/** The hub's pino settings: level, redaction, serializers and the scrubber, for every logger it makes. */
export function pinoOptions(env: NodeJS.ProcessEnv = process.env): LoggerOptions {
  return {
    level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // A line written while a traced request is handled names its trace and span.
    mixin: traceFields,
    serializers: {
      // Query strings carry personal data (?email=, ?phone=, ?postalCode=): logs keep the path only.
      req: (req: {
        id?: unknown;
        method?: string;
        url?: string;
        originalUrl?: string;
        raw?: { originalUrl?: string };
      }) => ({
        ...(req.id === undefined ? {} : { id: req.id }),
        method: req.method,
        url: scrubText(pathOf({ originalUrl: req.originalUrl ?? req.raw?.originalUrl, url: req.url })),
      }),
      res: (res: { statusCode?: number | null }) => ({ statusCode: res.statusCode ?? null }),
    },
    // Whatever a message or an error carries, no email, phone or credential reaches the log.
    formatters: {
      log: (object) => {
        const out: Record<string, unknown> = {};
        for (const [key, value] of Object.entries(object))
          out[key] = SERIALIZED.has(key) ? value : scrub(value);
        return out;
      },
    },
    hooks: {
      logMethod(args, method) {
        const clean = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<
          typeof method
        >;
        return method.apply(this, clean);
      },
    },
  };
}

/**
 * nestjs-pino's settings: the application's logger, bound to the request id inside a request.
 * It logs no access line itself: `access-log.ts` does, for every request the server receives,
 * including those answered before any route or middleware runs (414, 431).
 */
export function loggerOptions(env: NodeJS.ProcessEnv = process.env, stream?: DestinationStream): Params {
  const options: NonNullable<Exclude<Params['pinoHttp'], unknown[]>> = {
    ...pinoOptions(env),
    // The request id fastify assigned (from x-request-id or minted) ties log lines to responses.
    genReqId: (req) => (req as unknown as { id: string }).id,
    autoLogging: false,
    quietReqLogger: true,
  };
  return { pinoHttp: stream ? [options, stream] : options };
}
