import { type CanActivate, type ExecutionContext, Injectable, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Unauthenticated } from '#libs/errors';
import type { Principal } from '#libs/jwt';
import { TokenVerifier } from './token-verifier.js';

const PUBLIC = 'route:public';
/** Marks a handler that needs no token (health, metrics, dev sign-in, OpenAPI). */
export const Public = () => SetMetadata(PUBLIC, true);

export interface AuthenticatedRequest extends FastifyRequest {
  principal?: Principal;
}

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: TokenVerifier,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new Unauthenticated();
    const principal = await this.verifier.verify(match[1]!);
    if (!principal) throw new Unauthenticated('The bearer token is invalid or expired.');
    request.principal = principal;
    return true;
  }
}
