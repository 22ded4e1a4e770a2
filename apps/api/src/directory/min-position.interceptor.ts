import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { from, type Observable, switchMap } from 'rxjs';
import { DependencyUnavailable, ValidationFailed } from '#libs/errors';
import { APP_CONFIG } from '../config/config.token.js';
import type { AppConfig } from '../config/app-config.js';
import { ReadPositions } from './read-positions.js';

/**
 * `?minPosition=<position>` on any GET waits (up to MIN_POSITION_WAIT_MS) until the read
 * models have applied that event-store position, so a client can read its own write;
 * otherwise 503 with Retry-After (API.md "Reads").
 */
@Injectable()
export class MinPositionInterceptor implements NestInterceptor {
  constructor(
    private readonly positions: ReadPositions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest<{ Querystring: Record<string, unknown> }>>();
    const raw = request.method === 'GET' ? request.query['minPosition'] : undefined;
    if (raw === undefined) return next.handle();
    if (typeof raw !== 'string' || !/^\d{1,20}$/.test(raw)) {
      throw new ValidationFailed([{ path: '/minPosition', message: 'must be a decimal event-store position' }]);
    }
    return from(this.positions.waitFor(BigInt(raw), this.config.minPositionWaitMs)).pipe(
      switchMap((reached) => {
        if (!reached) throw new DependencyUnavailable('read models', `not yet at position ${raw}; retry shortly`, 1);
        return next.handle();
      }),
    );
  }
}
