import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { Unauthenticated } from '#libs/errors';
import type { Principal } from '#libs/jwt';
import type { AuthenticatedRequest } from './auth.guard.js';

/** The authenticated caller of this request (set by AuthGuard). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Unauthenticated();
  return principal;
});
