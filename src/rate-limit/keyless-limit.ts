import { createHash } from 'node:crypto';
import { SetMetadata } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';

/**
 * A limit for a route that takes no API key (a door, a card link): what one caller is, read from
 * the request before the handler runs (a hash of the credential it presents). Each such caller may
 * make `rateLimit.perCredential` requests per `rateLimit.windowSeconds`. Without a credential
 * nothing is counted: the route refuses the request cheaply on its own.
 */
export interface KeylessLimit {
  tracker(req: FastifyRequest): string | undefined;
}

export const KEYLESS_LIMIT = 'hub:keyless-limit';

export const LimitKeyless = (limit: KeylessLimit) => SetMetadata(KEYLESS_LIMIT, limit);

/**
 * One caller per distinct credential `read` finds (a signature, a link token): a replayed request
 * counts as the same caller, and only its hash is kept.
 */
export function perCredential(
  prefix: string,
  read: (req: FastifyRequest) => string | Buffer | undefined,
): KeylessLimit {
  return {
    tracker: (req) => {
      const value = read(req);
      if (value === undefined || value.length === 0) return undefined;
      return `${prefix}:${createHash('sha256').update(value).digest('hex').slice(0, 32)}`;
    },
  };
}

/** The value of one request header, when it is there once. */
export function header(name: string): (req: FastifyRequest) => string | undefined {
  return (req) => {
    const value = req.headers[name];
    return typeof value === 'string' ? value : undefined;
  };
}
