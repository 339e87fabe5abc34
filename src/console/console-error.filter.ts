import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import { type FastifyReply } from 'fastify';
import { HubException } from '../common/problem';
import { ProblemFilter } from '../common/problem.filter';
import { type ConsoleRequest, SignInNeeded } from './console-access';
import { CONSOLE_HEADERS } from './console-headers';
import { errorPage } from './pages/error.page';
import { href } from './html';

/**
 * Console errors as pages, not problem documents: no session sends the browser to sign in;
 * anything else is a page saying what went wrong, with the status the API would have given.
 */
@Catch()
export class ConsoleErrorFilter implements ExceptionFilter {
  private readonly problems = new ProblemFilter();

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<ConsoleRequest>();
    const reply = http.getResponse<FastifyReply>();
    reply.headers(CONSOLE_HEADERS);
    if (error instanceof SignInNeeded) {
      void reply
        .code(303)
        .header(
          'location',
          href('/console/sign-in', { next: error.next === '/console' ? undefined : error.next }),
        )
        .send();
      return;
    }
    const problem = this.problems.toProblem(error, req);
    if (error instanceof HubException && error.headers) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
    }
    const detail =
      problem.detail ??
      problem.title + (problem.requestId ? ` (request id ${String(problem.requestId)})` : '');
    void reply
      .code(problem.status)
      .type('text/html; charset=utf-8')
      .send(errorPage(problem.title, detail, req.viewer).text);
  }
}
