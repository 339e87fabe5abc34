import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { ZodValidationException } from 'nestjs-zod';
import { type ZodError } from 'zod';
import { HubException, PROBLEM_TYPE_BASE, type Problem } from './problem';

const STATUS_CODES: Record<number, [string, string]> = {
  400: ['invalid_request', 'Invalid request'],
  401: ['unauthorized', 'Unauthorized'],
  403: ['forbidden', 'Forbidden'],
  404: ['not_found', 'Not found'],
  405: ['method_not_allowed', 'Method not allowed'],
  406: ['not_acceptable', 'Not acceptable'],
  413: ['payload_too_large', 'Payload too large'],
  415: ['unsupported_media_type', 'Unsupported media type'],
  429: ['rate_limited', 'Too many requests'],
};

/** Turns every error into application/problem+json; a 500 never carries a stack or internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(error, req);
    if (error instanceof HubException && error.headers) {
      for (const [k, v] of Object.entries(error.headers)) reply.header(k, v);
    }
    if (problem.status === 401 && !reply.getHeader('www-authenticate'))
      reply.header('www-authenticate', 'Bearer');
    reply.status(problem.status).type('application/problem+json').send(problem);
  }

  /** What an error says as a problem document (the console renders the same as a page). */
  toProblem(error: unknown, req: FastifyRequest): Problem {
    const requestId = String(req.id);
    if (error instanceof HubException) {
      return {
        type: PROBLEM_TYPE_BASE + error.code,
        title: error.title,
        status: error.status,
        detail: error.detail,
        code: error.code,
        ...(error.errors ? { errors: error.errors } : {}),
        ...error.extensions,
        requestId,
      };
    }
    if (error instanceof ZodValidationException) {
      const zodError = error.getZodError() as ZodError;
      const errors = zodError.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
      return {
        type: PROBLEM_TYPE_BASE + 'invalid_request',
        title: 'Invalid request',
        status: 400,
        detail: errors.map((e) => `${e.path}: ${e.message}`).join('; '),
        code: 'invalid_request',
        errors,
        requestId,
      };
    }
    const status = statusOf(error);
    if (status && status < 500) {
      const [code, title] = STATUS_CODES[status] ?? ['invalid_request', 'Request failed'];
      const detail = status === 404 ? `No route ${req.method} ${req.url.split('?')[0]}` : messageOf(error);
      return { type: PROBLEM_TYPE_BASE + code, title, status, detail, code, requestId };
    }
    this.logger.error({ err: error, requestId }, 'unhandled error');
    return {
      type: PROBLEM_TYPE_BASE + 'internal_error',
      title: 'Internal error',
      status: 500,
      detail: `Something went wrong on our side; quote request id ${requestId} when reporting it.`,
      code: 'internal_error',
      requestId,
    };
  }
}

function statusOf(error: unknown): number | undefined {
  if (error instanceof HttpException) return error.getStatus();
  // Fastify's own errors (bad JSON body, unsupported media type, body too large) carry statusCode.
  const s = (error as { statusCode?: unknown })?.statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : undefined;
}

function messageOf(error: unknown): string | undefined {
  if (error instanceof HttpException) {
    const body = error.getResponse();
    if (typeof body === 'string') return body;
    const m = (body as { message?: unknown }).message;
    return Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : error.message;
  }
  const m = (error as { message?: unknown })?.message;
  return typeof m === 'string' ? m : undefined;
}
