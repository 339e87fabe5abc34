import { SetMetadata } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';

export const LIMIT_WHEN = 'hub:limit-when';

/**
 * A keyed route whose requests count against the key's rate limit only when `counts` says so:
 * /mcp counts its tool calls, each exactly like the REST request it stands for, and not the
 * protocol's own messages (initialize, tools/list), which ask no vendor anything.
 */
export const LimitWhen = (counts: (req: FastifyRequest) => boolean) => SetMetadata(LIMIT_WHEN, counts);
