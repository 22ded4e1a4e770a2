import { useEffect, useRef, useState } from 'react';
import { navigate } from '../routing/url.js';
import { completeOidcSignIn, startOidcSignIn } from './oidc.js';
import { saveSession } from './session.js';

/** Production sign-in: leaves for the organization's identity provider (authorization code + PKCE). */
export function OidcSignIn({ issuer, clientId, scope }: { issuer: string; clientId?: string; scope: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    if (!clientId) return;
    setBusy(true);
    setError(null);
    try {
      await startOidcSignIn({ issuer, clientId, scope });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="oidc-title">
      <h2 id="oidc-title">Organization sign-in</h2>
      <p className="muted">You sign in at your organization's identity provider and come back here. The token is kept only for this browser tab.</p>
      {clientId ? (
        <button type="button" onClick={start} disabled={busy}>{busy ? 'Redirecting…' : 'Sign in with your organization'}</button>
      ) : (
        <p role="alert" className="state state-error">Sign-in is not set up on this server: OIDC_CLIENT_ID is missing (docs/configuration.md).</p>
      )}
      {error ? <p role="alert" className="state state-error">{error}</p> : null}
    </section>
  );
}

/** /auth/callback: finishes the sign-in, then removes code and state from the address bar. */
export function OidcCallback({ onSignedIn }: { onSignedIn: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  useEffect(() => {
    // The code is single-use: React's development double effects must not redeem it twice.
    if (started.current) return;
    started.current = true;
    completeOidcSignIn(new URLSearchParams(window.location.search)).then(
      (session) => {
        saveSession(session);
        navigate('/', { replace: true });
        onSignedIn();
      },
      (caught: unknown) => {
        navigate('/auth/callback', { replace: true });
        setError(caught instanceof Error ? caught.message : String(caught));
      },
    );
  }, [onSignedIn]);

  return (
    <section className="panel" aria-labelledby="callback-title">
      <h2 id="callback-title">Organization sign-in</h2>
      {error ? (
        <>
          <p role="alert" className="state state-error">{error}</p>
          <button type="button" onClick={() => navigate('/', { replace: true })}>Back to sign-in</button>
        </>
      ) : (
        <p role="status">Finishing sign-in…</p>
      )}
    </section>
  );
}
