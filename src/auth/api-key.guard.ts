import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { type FastifyRequest } from 'fastify';
import { HubException } from '../common/problem';
import { type ApiKeyPrincipal, ApiKeyStore } from './api-key.store';
import { type Scope } from './scopes';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { PUBLIC_IF_KEY, PUBLIC_KEY, SCOPES_KEY } from './scopes.decorator';

/** RFC 6750 §3: how a caller learns what the hub wants (MCP clients read it on a 401). */
const CHALLENGE = 'Bearer realm="context-hub"';

function unauthorized(detail: string, challenge: string): HubException {
  return new HubException(401, 'unauthorized', 'Unauthorized', detail, undefined, undefined, {
    'www-authenticate': challenge,
  });
}

export type AuthenticatedRequest = FastifyRequest & { principal?: ApiKeyPrincipal };

/** `Authorization: Bearer <key>` → 401 when missing/unknown, 403 when the key lacks the route's scope. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
    @Inject(HUB_CONFIG) private readonly config: HubConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const publicIf = this.reflector.getAllAndOverride<((c: HubConfig) => boolean) | undefined>(
      PUBLIC_IF_KEY,
      targets,
    );
    if (publicIf?.(this.config)) return true;
    const required = this.reflector.getAllAndOverride<Scope[]>(SCOPES_KEY, targets) ?? ['admin'];
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = req.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
    if (!match) {
      throw unauthorized('Send Authorization: Bearer <api key>.', CHALLENGE);
    }
    const principal = this.keys.find(match[1]);
    if (!principal) throw unauthorized('Unknown API key.', `${CHALLENGE}, error="invalid_token"`);
    // Known before it is refused, so the audit trail names the key that was turned away.
    req.principal = principal;
    if (!ApiKeyStore.allows(principal, required)) {
      throw new HubException(
        403,
        'insufficient_scope',
        'Forbidden',
        `API key "${principal.name}" lacks the scope ${required.join(' or ')}.`,
        undefined,
        undefined,
        { 'www-authenticate': `${CHALLENGE}, error="insufficient_scope", scope="${required.join(' ')}"` },
      );
    }
    return true;
  }
}
