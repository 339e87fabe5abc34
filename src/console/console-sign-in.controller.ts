import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type FastifyReply } from 'fastify';
import { Public } from '../auth/scopes.decorator';
import { LimitKeyless, perCredential } from '../rate-limit/keyless-limit';
import { ConsoleAccess, type ConsoleRequest, safeNext } from './console-access';
import { ConsoleErrorFilter } from './console-error.filter';
import { firstIssue, SignInFormSchema } from './console-forms';
import { CONSOLE_HEADERS } from './console-headers';
import { ConsoleSessions } from './console-sessions';
import { mayOpen, SECTIONS } from './pages/layout';
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
  // Guessing keys costs one try per request, counted per client address.
  @LimitKeyless(perCredential('console:sign-in', (req) => req.ip))
  signIn(
    @Req() req: ConsoleRequest,
    @Body() body: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): string {
    reply.headers(CONSOLE_HEADERS).type('text/html; charset=utf-8');
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
      return again(
        403,
        `The API key "${signedIn.principal.name}" opens no console page: it needs interfaces:read, tasks:read, tasks:write, actions:write or admin.`,
        form.data.person,
      );
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
