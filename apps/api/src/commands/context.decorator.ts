import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Unauthenticated } from '#libs/errors';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import type { CommandContext } from './command-context.js';

const CORRELATION = /^[A-Za-z0-9._:-]{1,128}$/;

/** The caller and a correlation id (the client's X-Correlation-Id when well-formed). */
export const Ctx = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext => {
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) throw new Unauthenticated();
  const header = request.headers['x-correlation-id'];
  const correlationId = typeof header === 'string' && CORRELATION.test(header) ? header : randomUUID();
  return { principal: request.principal, correlationId };
});
