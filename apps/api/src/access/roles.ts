import { Forbidden } from '#libs/errors';
import type { Principal, Role } from '#libs/jwt';

/**
 * Coarse role gates of PRIVACY.md "Access". Group-level scope (a therapist's own groups) is
 * checked where the group is loaded. The full role matrix grows with issue 6.
 */
export function requireRole(principal: Principal, allowed: readonly Role[], action: string): void {
  if (!allowed.includes(principal.role)) {
    throw new Forbidden(`The ${principal.role} role may not ${action}.`, 'ROLE_NOT_ALLOWED');
  }
}

/** Directors and admins manage the whole organization; therapists the groups they facilitate. */
export function requireGroupScope(principal: Principal, facilitatorIds: readonly string[], action: string): void {
  if (principal.role === 'director' || principal.role === 'admin') return;
  if (principal.role === 'therapist' && facilitatorIds.includes(principal.sub)) return;
  throw new Forbidden(`Only a director, an admin or a facilitator of this group may ${action}.`, 'OUT_OF_SCOPE');
}

export const MANAGERS: readonly Role[] = ['director', 'admin'];
export const CLINICAL_WRITERS: readonly Role[] = ['director', 'admin', 'therapist'];
