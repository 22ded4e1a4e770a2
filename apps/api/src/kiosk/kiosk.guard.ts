import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Unauthenticated } from '#libs/errors';
import type { AuthenticatedRequest } from '../auth/auth.guard.js';
import { type KioskGrant, KioskBook } from './kiosk-book.js';

export interface KioskRequest extends AuthenticatedRequest {
  kiosk?: { token: string; grant: KioskGrant; submitted: ReadonlySet<string> };
}

/**
 * The only door a kiosk token opens: routes marked @Public() for the AuthGuard and guarded by
 * this. A kiosk token is an opaque random string, not a JWT, so every other route answers it
 * 401; here it becomes the grant (one participant, one session, listed instruments). The
 * principal set for the idempotency records is the therapist who opened the kiosk.
 */
@Injectable()
export class KioskGuard implements CanActivate {
  constructor(private readonly book: KioskBook) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<KioskRequest>();
    const token = /^Bearer\s+(kiosk_\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    const entry = token ? this.book.verify(token) : null;
    if (!token || !entry) throw new Unauthenticated('A live kiosk sign-in is required: ask your therapist for a new code.');
    request.kiosk = { token, ...entry };
    request.principal = entry.grant.openedBy;
    return true;
  }
}
