import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiKeyStore } from '../auth/api-key.store';
import { type Scope } from '../auth/scopes';
import { HubException } from '../common/problem';
import { CONSOLE_SCOPES, type ConsoleRequest, crossSite, safeNext, SignInNeeded } from './console-access';
import { formTokenMatches } from './console-session';
import { ConsoleSessions } from './console-sessions';

/**
 * A global guard after ApiKeyGuard (console routes are public to it) and before the rate limit, so
 * a console session counts against its key's budget like the API does. Console pages need a session (else the browser is sent to sign in) and the page's scope; a
 * form post also needs the session's form token and must not come from another site.
 */
@Injectable()
export class ConsoleGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ConsoleSessions) private readonly sessions: ConsoleSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const needed = this.reflector.getAllAndOverride<Scope[] | undefined>(CONSOLE_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
    // Not a console page: the API's own guard has decided.
    if (needed === undefined) return true;
    const req = context.switchToHttp().getRequest<ConsoleRequest>();
    const found = await this.sessions.find(req);
    if (!found) throw new SignInNeeded(req.method === 'GET' ? safeNext(req.url) : undefined);
    const { principal, session } = found;
    req.principal = principal;
    req.viewer = {
      key: principal.name,
      person: session.person,
      scopes: principal.scopes,
      csrf: session.csrf,
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const body = req.body as Record<string, unknown> | undefined;
      if (crossSite(req) || !formTokenMatches(session, body?.csrf)) {
        throw new HubException(
          403,
          'form_expired',
          'Forbidden',
          'This form is not from your current console session. Reload the page and try again.',
        );
      }
    }
    if (needed.length && !ApiKeyStore.allows(principal, needed)) {
      throw new HubException(
        403,
        'insufficient_scope',
        'Forbidden',
        `The API key "${principal.name}" lacks the scope ${needed.join(' or ')}, which this page needs.`,
      );
    }
    return true;
  }
}
