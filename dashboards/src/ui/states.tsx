import type { ReactNode } from 'react';
import type { ApiState } from '../api/useApi.js';

/** Loading, error and empty states every panel shows the same way. */
export function Loading({ what }: { what: string }) {
  return (
    <p className="state state-loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorState({ what, error }: { what: string; error: { status: number; message: string; code?: string } }) {
  // Out of the role's scope is not a failure: say so quietly (PRIVACY.md "Access").
  if (error.status === 403) return <p className="state state-empty" data-state="forbidden">{what.charAt(0).toUpperCase() + what.slice(1)}: not shown for your role.</p>;
  const reason =
    error.status === 404 && (!error.code || error.code === 'ROUTE_NOT_FOUND')
      ? 'This part of the api is not available on this server yet.'
      : error.status === 403
        ? 'Your role may not see this.'
        : error.message || 'The api answered with an error.';
  return (
    <div className="state state-error" role="alert">
      <strong>Could not load {what}.</strong> {reason}
      {error.status ? <span className="muted"> (HTTP {error.status}{error.code ? `, ${error.code}` : ''})</span> : null}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** Renders `ready` with the data, or the matching state for anything else. */
export function Loaded<T>({ state, what, children }: { state: ApiState<T>; what: string; children: (data: T) => ReactNode }) {
  if (state.status === 'error') return <ErrorState what={what} error={state.error} />;
  if (state.status !== 'ready') return <Loading what={what} />;
  return <>{children(state.data)}</>;
}

/** A titled section of a view; panels are regions so screen readers can jump between them. */
export function Panel({ title, id, children, actions }: { title: string; id: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`${id}-title`} data-panel={id}>
      <header className="panel-header">
        <h2 id={`${id}-title`}>{title}</h2>
        {actions}
      </header>
      {children}
    </section>
  );
}
