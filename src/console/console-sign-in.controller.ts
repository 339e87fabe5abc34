import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Public } from '../auth/scopes.decorator';
import { LimitKeyless, perCredential } from '../rate-limit/keyless-limit';
import { ConsoleAccess, type ConsoleRequest, crossSite, safeNext } from './console-access';
import { HubException } from '../common/problem';
import { type FastifyRequest } from 'fastify';
import { ConsoleErrorFilter } from './console-error.filter';
import { firstIssue, SignInFormSchema } from './console-forms';
import { CONSOLE_HEADERS } from './console-headers';
import { ConsoleSessions } from './console-sessions';
import { mayOpen, NO_PAGE, SECTIONS } from './pages/layout';
import { signInPage } from './pages/sign-in.page';

/** Signing in with an API key (the key travels in the form body only) and out again. */
@ApiExcludeController()
@Controller('console')
@Public()
@UseFilters(ConsoleErrorFilter)
export class ConsoleSignInController {
  constructor(@Inject(ConsoleSessions) private readonly sessions: ConsoleSessions) {}

  @Get('sign-in')
  async form(
    @Req() req: ConsoleRequest,
    @Query() query: Record<string, unknown>,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    reply.headers(CONSOLE_HEADERS).type('text/html; charset=utf-8');
    const next = safeNext(query.next);
    if (await this.sessions.find(req)) {
      reply.code(303).header('location', next ?? '/console');
      return '';
    }
    return signInPage({
      next,
      notice: query.signedOut === '1' ? { kind: 'ok', text: 'You are signed out.' } : undefined,
    }).text;
  }

  @Post('sign-in')
  @HttpCode(303)
  // Counted per key tried (its hash), like a door's credential: the same guess sent again and
  // again stops at rateLimit.perCredential, and one client's tries never lock out everyone
  // behind the same proxy address.
  @LimitKeyless(perCredential('console:sign-in', triedKey))
  signIn(
    @Req() req: ConsoleRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): string {
    reply.headers(CONSOLE_HEADERS).type('text/html; charset=utf-8');
    // A sign-in form sent from another site would sign this browser in with someone else's key.
    if (crossSite(req)) {
      throw new HubException(
        403,
        'form_expired',
        'Forbidden',
        "Sign in from the console's own sign-in page.",
      );
    }
    const form = SignInFormSchema.safeParse(body ?? {});
    const next = form.success ? safeNext(form.data.next) : undefined;
    const again = (status: number, text: string, person?: string) => {
      reply.code(status);
      return signInPage({ next, person, notice: { kind: 'error', text } }).text;
    };
    if (!form.success) return again(400, firstIssue(form.error));
    const signedIn = this.sessions.signIn(form.data.key, form.data.person, req);
    if (!signedIn) return again(401, 'That API key is not known to this hub.', form.data.person);
    // The audit trail names the key that signed in.
    req.principal = signedIn.principal;
    const first = SECTIONS.find((s) => mayOpen(signedIn.principal.scopes, s.id));
    if (!first) {
      return again(403, NO_PAGE(signedIn.principal.name), form.data.person);
    }
    reply.header('set-cookie', signedIn.setCookie).header('location', next ?? first.path);
    return '';
  }

  @Post('sign-out')
  @ConsoleAccess()
  @HttpCode(303)
  async signOut(
    @Req() req: ConsoleRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    reply
      .headers(CONSOLE_HEADERS)
      .header('set-cookie', await this.sessions.signOut(req))
      .header('location', '/console/sign-in?signedOut=1');
    return '';
  }
}

/** The key a sign-in form carries, for counting tries of it. */
function triedKey(req: FastifyRequest): string | undefined {
  const key = (req.body as Record<string, unknown> | undefined)?.key;
  return typeof key === 'string' ? key : undefined;
}
