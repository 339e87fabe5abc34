import { SetMetadata } from '@nestjs/common';
import { type FastifyRequest } from 'fastify';
import { type ApiKeyPrincipal } from '../auth/api-key.store';
import { type Scope } from '../auth/scopes';
import { type Viewer } from './pages/layout';

export const CONSOLE_SCOPES = 'hub:console-scopes';

/** A console route for a signed-in key with one of these scopes (admin holds all); none: any key. */
export const ConsoleAccess = (...scopes: Scope[]) => SetMetadata(CONSOLE_SCOPES, scopes);

/** A console request once the guard has found its session. */
export type ConsoleRequest = FastifyRequest & { principal?: ApiKeyPrincipal; viewer?: Viewer };

/** Thrown when a page needs a session the request does not carry: the filter sends the browser to sign in. */
export class SignInNeeded extends Error {
  constructor(readonly next?: string) {
    super('sign in to the console');
    this.name = 'SignInNeeded';
  }
}

/** Where a browser may be sent back to after signing in: console pages only, never elsewhere. */
export function safeNext(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 300) return undefined;
  return /^\/console(\/[\w/.-]*)?(\?[\w=&%.-]*)?$/.test(value) &&
    !value.includes('//') &&
    !value.includes('..')
    ? value
    : undefined;
}

/** Whether the browser says the request came from another site (Fetch Metadata); old browsers say nothing. */
export function crossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}
