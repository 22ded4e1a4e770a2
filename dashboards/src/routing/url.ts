import { useCallback, useSyncExternalStore } from 'react';

/**
 * The URL is the dashboard's state: the view is the path, the filters are query parameters
 * (`program`, `group`, `from`, `to`, `instrument`, `bucket`, `status`), so a link or a reload
 * shows the same thing. No router library: the history API and one `popstate` listener.
 */
const NAVIGATED = 'dashboard:navigated';

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener);
  window.addEventListener(NAVIGATED, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(NAVIGATED, listener);
  };
}

const snapshot = () => window.location.pathname + window.location.search;

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === snapshot()) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

export interface Location {
  path: string;
  query: URLSearchParams;
}

export function useLocation(): Location {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, window.location.origin);
  return { path: url.pathname, query: url.searchParams };
}

/** Reads and writes query parameters of the current view; empty values are removed. */
export function useQueryState(): [URLSearchParams, (changes: Record<string, string | null>) => void] {
  const { path, query } = useLocation();
  const set = useCallback(
    (changes: Record<string, string | null>) => {
      const next = new URLSearchParams(window.location.search);
      for (const [name, value] of Object.entries(changes)) {
        if (value === null || value === '') next.delete(name);
        else next.set(name, value);
      }
      const search = next.toString();
      navigate(path + (search ? `?${search}` : ''));
    },
    [path],
  );
  return [query, set];
}

/** A link to another view, keeping the filters that make sense there. */
export function href(path: string, keep: URLSearchParams | null, extra: Record<string, string> = {}): string {
  const next = new URLSearchParams();
  for (const name of ['program', 'group', 'from', 'to', 'instrument']) {
    const value = keep?.get(name);
    if (value) next.set(name, value);
  }
  for (const [name, value] of Object.entries(extra)) next.set(name, value);
  const search = next.toString();
  return path + (search ? `?${search}` : '');
}
