import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { type AuthenticatedRequest } from '../auth/api-key.guard';
import { HubException } from '../common/problem';

/**
 * Rate limits per API key (after ApiKeyGuard named the key): one budget per key across every
 * route and every process. Routes that need no key (health, docs, webhooks) are not limited here.
 */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return !context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return `key:${(req as unknown as AuthenticatedRequest).principal!.name}`;
  }

  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    throw new HubException(
      429,
      'rate_limited',
      'Too Many Requests',
      `This API key may make ${detail.limit} requests per ${Math.round(detail.ttl / 1000)} s; try again in ${detail.timeToBlockExpire} s.`,
      undefined,
      undefined,
      { 'retry-after': String(detail.timeToBlockExpire) },
    );
  }
}
