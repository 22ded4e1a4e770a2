import { useSyncExternalStore } from 'react';
import { ApiError, apiRequest } from '../api/client.js';

/**
 * Writes that have not been confirmed by the api, kept in localStorage with their
 * Idempotency-Key until it answers. A completed form is never lost silently: a dropped
 * connection leaves it here, the screen says so and offers a retry, and the api replays a
 * request it already did (same key and body → the first response, nothing appended).
 */
export interface PendingWrite {
  readonly key: string;
  /** What the user did, in their words ("PHQ-9 for Alex", "Attendance 3 Mar"). */
  readonly label: string;
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly body: unknown;
  readonly createdAt: string;
  /** `staff` (the signed-in session) or `kiosk` (a kiosk token, kept with the write so a retry can send it). */
  readonly scope: 'staff' | 'kiosk';
  readonly kioskToken?: string;
}

/** The write did not reach the api (network, 5xx, 401, 429): it stays in the outbox. */
export class NotSent extends Error {
  constructor(
    readonly pending: PendingWrite,
    readonly cause: ApiError,
  ) {
    super(`Not saved yet: ${cause.message}`);
  }
}

const STORE = 'group-outcomes.outbox';
const CHANGED = 'outbox:changed';

function read(): PendingWrite[] {
  try {
    return JSON.parse(localStorage.getItem(STORE) ?? '[]') as PendingWrite[];
  } catch {
    return [];
  }
}

function write(list: PendingWrite[]): void {
  localStorage.setItem(STORE, JSON.stringify(list));
  cached = null;
  window.dispatchEvent(new Event(CHANGED));
}

let cached: { raw: string | null; list: PendingWrite[] } | null = null;
function snapshot(): PendingWrite[] {
  const raw = localStorage.getItem(STORE);
  if (!cached || cached.raw !== raw) cached = { raw, list: read() };
  return cached.list;
}

function subscribe(listener: () => void): () => void {
  window.addEventListener(CHANGED, listener);
  window.addEventListener('storage', listener);
  return () => {
    window.removeEventListener(CHANGED, listener);
    window.removeEventListener('storage', listener);
  };
}

export function usePending(scope: PendingWrite['scope']): PendingWrite[] {
  return useSyncExternalStore(subscribe, snapshot).filter((p) => p.scope === scope);
}

export function discard(key: string): void {
  write(read().filter((p) => p.key !== key));
}

/** A random v4 UUID; crypto.randomUUID needs a secure context, getRandomValues does not. */
export function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Statuses after which the same request may succeed later: keep it and offer a retry. */
function retryable(error: ApiError): boolean {
  return error.status === 0 || error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500;
}

/** Sends a write through the outbox: stored first, removed once the api answered for good. */
export async function send<T>(request: Omit<PendingWrite, 'key' | 'createdAt'> & { key?: string }): Promise<T> {
  // Saving the same form again after "not sent" reuses its key: if the first attempt did reach
  // the api, it answers with that result instead of recording the form twice.
  const same = read().find((p) => p.method === request.method && p.path === request.path && JSON.stringify(p.body) === JSON.stringify(request.body));
  const pending: PendingWrite = { ...request, key: request.key ?? same?.key ?? newKey(), createdAt: same?.createdAt ?? new Date().toISOString() };
  write([...read().filter((p) => p.key !== pending.key), pending]);
  return deliver<T>(pending);
}

export async function retry<T>(pending: PendingWrite): Promise<T> {
  return deliver<T>(pending);
}

async function deliver<T>(pending: PendingWrite): Promise<T> {
  try {
    const result = await apiRequest<T>(pending.method, pending.path, pending.body, { headers: { 'idempotency-key': pending.key }, token: pending.kioskToken });
    discard(pending.key);
    return result;
  } catch (caught) {
    const error = caught instanceof ApiError ? caught : new ApiError(0, 'Unexpected error', String(caught));
    if (retryable(error)) throw new NotSent(pending, error);
    // A refusal (400, 403, 409, 422): the user corrects the form; nothing to retry.
    discard(pending.key);
    throw error;
  }
}
