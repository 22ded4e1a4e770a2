import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { Conflict, ValidationFailed } from '#libs/errors';
import { EventStore } from '#libs/event-store';
import { Clock } from '#libs/system';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';

interface CompletedRequest {
  readonly requestHash: string;
  readonly status: number;
  readonly body: unknown;
}

const KEY = /^[\x21-\x7e]{1,200}$/;
export const IDEMPOTENCY_EVENT = 'IdempotentRequestCompleted';

/**
 * `Idempotency-Key` on writes (API.md): the same key and body answer the first response again
 * with nothing appended; the same key with another body is 409. Records are events in the
 * store (stream `idempotency-<hash of org and key>`), so they survive restarts and need no
 * other database. Responses never carry identifiers in clear, so storing them is safe.
 * Known gap: a crash between the command's append and this record lets a retry run again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers['idempotency-key'];
    if (request.method === 'GET' || header === undefined || !request.principal) return next.handle();
    if (typeof header !== 'string' || !KEY.test(header)) {
      throw new ValidationFailed([{ path: '/', message: 'Idempotency-Key must be 1-200 visible ASCII characters' }], 'Bad Idempotency-Key header.');
    }
    const org = request.principal.org;
    const stream = `idempotency-${sha256(`${org}\n${header}`)}`;
    const requestHash = sha256(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`);
    const status: number = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) ?? 200;
    const response = context.switchToHttp().getResponse<FastifyReply>();

    const run = async (): Promise<unknown> => {
      const previous = (await this.store.readStream(stream))[0]?.data as CompletedRequest | undefined;
      if (previous) {
        if (previous.requestHash !== requestHash) throw new Conflict('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with another request.');
        response.status(previous.status);
        return previous.body;
      }
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      const now = this.clock.now().toISOString();
      await this.store.append(
        stream,
        [
          {
            eventId: randomUUID(),
            type: IDEMPOTENCY_EVENT,
            schemaVersion: 1,
            data: { requestHash, status, body } satisfies CompletedRequest,
            metadata: { org, actor: { userId: request.principal!.sub, role: request.principal!.role }, occurredAt: now, recordedAt: now, correlationId: randomUUID(), causationId: null },
          },
        ],
        'no_stream',
      );
      return body;
    };
    // Requests with one key run one at a time in this process, so a quick double-submit replays.
    const chained = (this.inFlight.get(stream) ?? Promise.resolve()).catch(() => undefined).then(run);
    this.inFlight.set(stream, chained);
    void chained.finally(() => this.inFlight.get(stream) === chained && this.inFlight.delete(stream)).catch(() => undefined);
    return from(chained);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
