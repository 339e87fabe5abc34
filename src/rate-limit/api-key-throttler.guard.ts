import { type ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerLimitDetail } from '@nestjs/throttler';
import { type AuthenticatedRequest } from '../auth/api-key.guard';
import { HubException } from '../common/problem';
import { KEYLESS_LIMIT, type KeylessLimit } from './keyless-limit';
import { LIMIT_WHEN } from './limit-when';

/** Who a keyless request counts as, found by shouldSkip for getTracker (which sees only the request). */
const keylessTrackers = new WeakMap<object, string>();

/**
 * Rate limits per API key (after ApiKeyGuard named the key): one budget per key across every
 * route and every process. A route that takes no key counts only when it says who its caller is
 * (@LimitKeyless: the doors and card links, so a replayed signed request or a leaked link cannot
 * spend the vendors' budgets at line rate); health, docs and webhooks are not limited here.
 */
@Injectable()
export class ApiKeyThrottlerGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const targets = [context.getHandler(), context.getClass()];
    if (req.principal) {
      const counts = this.reflector.getAllAndOverride<((r: typeof req) => boolean) | undefined>(
        LIMIT_WHEN,
        targets,
      );
      return counts ? !counts(req) : false;
    }
    const limit = this.reflector.getAllAndOverride<KeylessLimit | undefined>(KEYLESS_LIMIT, targets);
    const tracker = limit?.tracker(req);
    if (!tracker) return true;
    keylessTrackers.set(req, tracker);
    return false;
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const principal = (req as unknown as AuthenticatedRequest).principal;
    return principal ? `key:${principal.name}` : keylessTrackers.get(req)!;
  }

  protected override async throwThrottlingException(
    context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const who = context.switchToHttp().getRequest<AuthenticatedRequest>().principal
      ? 'This API key'
      : 'This credential (a signed request, a link, or a key tried at sign-in)';
    throw new HubException(
      429,
      'rate_limited',
      'Too Many Requests',
      `${who} may make ${detail.limit} requests per ${Math.round(detail.ttl / 1000)} s; try again in ${detail.timeToBlockExpire} s.`,
      undefined,
      undefined,
      { 'retry-after': String(detail.timeToBlockExpire) },
    );
  }
}
