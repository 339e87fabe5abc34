import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { type AuthenticatedRequest } from './api-key.guard';
import { type ApiKeyPrincipal } from './api-key.store';

/** The API key that made the request (set by ApiKeyGuard on every route that needs a key). */
export const Principal = createParamDecorator(
  (_: unknown, context: ExecutionContext): ApiKeyPrincipal =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().principal!,
);
