import { useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError, apiRequest } from './client.js';

/**
 * The dashboard's one data hook. `useApi(path)` GETs `/api/v1` + path; `useApi([paths])`
 * GETs several at once (e.g. the cohesion of each group of a program) and answers when all
 * have. `null` waits (a filter not chosen yet). Panels that read the same path share one
 * request; `invalidate(prefix)` refetches every path under it after a write.
 */
export type ApiState<T> =
  | { status: 'idle'; data?: undefined; error?: undefined }
  | { status: 'loading'; data?: undefined; error?: undefined }
  | { status: 'error'; data?: undefined; error: ApiError }
  | { status: 'ready'; data: T; error?: undefined };

const inflight = new Map<string, Promise<unknown>>();
let generation = 0;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forget cached answers for paths starting with `prefix` and refetch them where shown. */
export function invalidate(prefix: string): void {
  for (const key of [...inflight.keys()]) if (key.startsWith(prefix)) inflight.delete(key);
  generation += 1;
  for (const listener of listeners) listener();
}

function load(path: string): Promise<unknown> {
  let pending = inflight.get(path);
  if (!pending) {
    pending = apiRequest('GET', path);
    inflight.set(path, pending);
    // A failed request is not kept: the next render may retry.
    pending.catch(() => inflight.delete(path));
  }
  return pending;
}

function toApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, 'Unexpected error', String(error));
}

export function useApi<T>(path: string | null): ApiState<T>;
export function useApi<T>(paths: readonly string[]): ApiState<T[]>;
export function useApi<T>(request: string | readonly string[] | null): ApiState<T | T[]> {
  const version = useSyncExternalStore(subscribe, () => generation);
  const key = request === null ? null : Array.isArray(request) ? request.join('\n') : (request as string);
  const [state, setState] = useState<{ key: string | null; version: number; value: ApiState<T | T[]> }>({ key: null, version: -1, value: { status: 'idle' } });

  useEffect(() => {
    if (key === null) return;
    let current = true;
    const paths = key === '' ? [] : key.split('\n');
    const single = !Array.isArray(request);
    Promise.all(paths.map(load)).then(
      (values) => current && setState({ key, version, value: { status: 'ready', data: (single ? values[0] : values) as T | T[] } }),
      (error) => current && setState({ key, version, value: { status: 'error', error: toApiError(error) } }),
    );
    return () => {
      current = false;
    };
    // `request` is represented by `key`: a new array of the same paths must not refetch.
  }, [key, version]);

  if (key === null) return { status: 'idle' };
  // Keep showing the previous answer of the same path while a refetch runs (no flicker).
  if (state.key === key && (state.version === version || state.value.status === 'ready')) return state.value;
  return { status: 'loading' };
}
