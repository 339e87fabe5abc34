import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import type Redis from 'ioredis';
import { type ApiKeyPrincipal, ApiKeyStore } from '../auth/api-key.store';
import { type HubConfig } from '../config/config.schema';
import { HUB_CONFIG } from '../config/config.tokens';
import { REDIS } from '../redis/redis.tokens';
import {
  clearedCookie,
  type ConsoleSession,
  cookieValue,
  mintSession,
  openSession,
  SESSION_COOKIE,
  sessionCookie,
  sessionSecret,
} from './console-session';

/**
 * Signs people in with an API key and finds them again from the session cookie. Signing out
 * ends the session for good: every process reads the ended ones from Redis (if Redis is away,
 * the browser still drops its cookie, and the session ends at its time anyway).
 */
@Injectable()
export class ConsoleSessions {
  private readonly logger = new Logger('ConsoleSessions');
  private readonly secret: string;
  private readonly minutes: number;

  constructor(
    @Inject(HUB_CONFIG) config: HubConfig,
    @Inject(ApiKeyStore) private readonly keys: ApiKeyStore,
    @Inject(REDIS) private readonly redis: Redis,
  ) {
    this.secret = sessionSecret(config.console.sessionSecret, config.apiKeys);
    this.minutes = config.console.sessionMinutes;
  }

  /** A new session for a known key, and the Set-Cookie that carries it; undefined for an unknown key. */
  signIn(
    key: string,
    person: string | undefined,
    req: FastifyRequest,
  ): { principal: ApiKeyPrincipal; setCookie: string } | undefined {
    const principal = this.keys.find(key);
    if (!principal) return undefined;
    const { token } = mintSession(
      this.secret,
      { key: principal.name, fingerprint: principal.fingerprint, person },
      this.minutes,
    );
    return { principal, setCookie: sessionCookie(token, this.minutes * 60, this.secure(req)) };
  }

  /** Who the request's cookie signs in: the key as configured now, or undefined. */
  async find(
    req: FastifyRequest,
  ): Promise<{ principal: ApiKeyPrincipal; session: ConsoleSession } | undefined> {
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
    if (!token) return undefined;
    const session = openSession(this.secret, token, this.minutes);
    if (!session) return undefined;
    const principal = this.keys.named(session.key);
    // A key removed, or rotated under the same name, ends its sessions.
    if (!principal || principal.fingerprint !== session.fingerprint) return undefined;
    if (await this.ended(session)) return undefined;
    return { principal, session };
  }

  /** Ends the request's session (for every process) and answers the Set-Cookie that drops it. */
  async signOut(req: FastifyRequest): Promise<string> {
    const found = await this.find(req);
    if (found) {
      const left = found.session.exp - Math.floor(Date.now() / 1000);
      await this.redis.set(endedKey(found.session), '1', 'EX', Math.max(1, left)).catch((error: Error) => {
        this.logger.warn(`could not record a sign-out (${error.message}); the session ends at its time`);
      });
    }
    return clearedCookie(this.secure(req));
  }

  private async ended(session: ConsoleSession): Promise<boolean> {
    try {
      return (await this.redis.exists(endedKey(session))) === 1;
    } catch {
      // Redis away: the console stays usable; a signed-out browser has dropped its cookie already.
      return false;
    }
  }

  /**
   * Secure cookies where the browser reached the hub over HTTPS, directly or through a TLS proxy
   * that says so (X-Forwarded-Proto). Not from the configured public URL: staff reaching the
   * console over an inner http:// address would get a cookie their browser never sends back.
   */
  private secure(req: FastifyRequest): boolean {
    return req.protocol === 'https' || req.headers['x-forwarded-proto'] === 'https';
  }
}

/** Where a signed-out session is remembered until it would have ended: by a hash of its form token. */
function endedKey(session: ConsoleSession): string {
  return `console:signed-out:${createHash('sha256').update(session.csrf).digest('hex').slice(0, 32)}`;
}
