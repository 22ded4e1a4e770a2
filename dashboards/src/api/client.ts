import { clearSession, loadSession } from '../auth/session.js';

/** An api answer that was not 2xx, with the problem+json fields the api always sends. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly code?: string,
    /** For 400: the fields at fault, as JSON pointers into the body (`/items/3`). */
    readonly errors: readonly { path: string; message: string }[] = [],
  ) {
    super(detail || title);
  }
}

export const API_BASE = '/api/v1';

/** Called when the api says the token is no longer good: the app goes back to sign-in. */
let onUnauthenticated: () => void = () => undefined;
export function setUnauthenticatedHandler(handler: () => void): void {
  onUnauthenticated = handler;
}

/** One request to the api with the session's bearer token; JSON in, JSON out. */
export async function apiRequest<T>(method: string, path: string, body?: unknown, options: { headers?: Record<string, string>; token?: string } = {}): Promise<T> {
  // A kiosk passes its own token; the staff session is not used then.
  const session = options.token ? null : loadSession();
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (session) {
    headers.authorization = `Bearer ${session.token}`;
    // Why identifiable data is read (the api audits it; PRIVACY.md): clinicians treat, researchers research.
    headers['x-purpose'] = session.role === 'researcher' ? 'research' : 'treatment';
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(API_BASE + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'Network error', 'The api could not be reached. Check that it is running.');
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): the status alone tells what happened.
  }
  if (!response.ok) {
    const problem = (parsed ?? {}) as { title?: string; detail?: string; code?: string; errors?: { path: string; message: string }[] };
    if (response.status === 401 && session) {
      clearSession();
      onUnauthenticated();
    }
    throw new ApiError(response.status, problem.title ?? response.statusText, problem.detail ?? '', problem.code, Array.isArray(problem.errors) ? problem.errors : []);
  }
  return parsed as T;
}
