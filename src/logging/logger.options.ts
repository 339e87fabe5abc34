import { type Params } from 'nestjs-pino';
import { type DestinationStream } from 'pino';
import { scrub, scrubText } from './scrub';

/** Never log credentials: headers that carry keys and tokens are censored. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-shopify-access-token"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

export function loggerOptions(env: NodeJS.ProcessEnv = process.env, stream?: DestinationStream): Params {
  const options: NonNullable<Exclude<Params['pinoHttp'], unknown[]>> = {
    level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    // The request id fastify assigned (from x-request-id or minted) ties log lines to responses.
    genReqId: (req) => (req as unknown as { id: string }).id,
    autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/health') },
    quietReqLogger: true,
    // Query strings carry personal data (?email=, ?phone=, ?postalCode=): logs keep the path only.
    serializers: {
      req: (req: { id?: unknown; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        url: req.url?.split('?')[0],
      }),
    },
    // Whatever a message or an error carries, no email, phone or credential reaches the log.
    formatters: { log: (object) => scrub(object) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const clean = args.map((a) => (typeof a === 'string' ? scrubText(a) : a)) as Parameters<
          typeof method
        >;
        return method.apply(this, clean);
      },
    },
  };
  return { pinoHttp: stream ? [options, stream] : options };
}
