import type { Role } from '../api/types.js';

/** Who is signed in. Kept in sessionStorage: closing the tab signs out (shared clinic machines). */
export interface Session {
  token: string;
  sub: string;
  org: string;
  role: Role;
  name?: string;
}

const KEY = 'group-outcomes.session';

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}
