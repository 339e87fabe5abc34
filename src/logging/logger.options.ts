import { type Params } from 'nestjs-pino';

/** Never log credentials: headers that carry keys and tokens are censored. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-shopify-access-token"]',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

export function loggerOptions(env: NodeJS.ProcessEnv = process.env): Params {
  return {
    pinoHttp: {
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
    },
  };
}
