import { type FormEvent, useEffect, useState } from 'react';
import { apiRequest, ApiError } from '../api/client.js';
import type { Role } from '../api/types.js';
import { useLocation } from '../routing/url.js';
import { type AuthSettings, CALLBACK_PATH } from './oidc.js';
import { OidcCallback, OidcSignIn } from './oidc-sign-in.js';
import { saveSession } from './session.js';

const ROLES: { value: Role; label: string }[] = [
  { value: 'director', label: 'Clinical director' },
  { value: 'therapist', label: 'Therapist' },
  { value: 'researcher', label: 'Researcher' },
];

/**
 * The sign-in screen asks the api how people sign in (GET /auth/config): embedded mode's dev
 * sign-in (API.md "Auth": POST /auth/dev-token), or the organization's OIDC provider.
 */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const { path } = useLocation();
  const [settings, setSettings] = useState<AuthSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (path === CALLBACK_PATH) return;
    apiRequest<AuthSettings>('GET', '/auth/config').then(setSettings, (caught: unknown) => setError(caught instanceof Error ? caught.message : String(caught)));
  }, [path]);

  return (
    <main className="sign-in" id="main">
      <h1>Group outcomes</h1>
      {path === CALLBACK_PATH ? (
        <OidcCallback onSignedIn={onSignedIn} />
      ) : error ? (
        <p role="alert" className="state state-error">How to sign in could not be read from the api: {error}</p>
      ) : !settings ? (
        <p role="status">Loading…</p>
      ) : settings.mode === 'oidc' ? (
        <OidcSignIn issuer={settings.issuer} clientId={settings.clientId} scope={settings.scope} />
      ) : (
        <DevSignIn onSignedIn={onSignedIn} />
      )}
    </main>
  );
}

/** Embedded mode: choose who you are; the server signs a dev token. */
function DevSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [role, setRole] = useState<Role>('director');
  const [sub, setSub] = useState('director-1');
  const [org, setOrg] = useState('demo');
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { sub: sub.trim(), org: org.trim(), role, ...(name.trim() ? { name: name.trim() } : {}) };
      const { token } = await apiRequest<{ token: string }>('POST', '/auth/dev-token', body);
      saveSession({ token, sub: body.sub, org: body.org, role, name: body.name });
      onSignedIn();
    } catch (caught) {
      const status = caught instanceof ApiError ? caught.status : 0;
      setError(status === 404 ? 'Dev sign-in is switched off on this server (production profile).' : caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel" aria-labelledby="dev-title">
      <h2 id="dev-title">Development sign-in</h2>
      <p className="muted">Embedded mode: choose who you are. Tokens are signed by this server and kept only for this browser tab.</p>
      <form onSubmit={submit} className="form-grid">
        <label htmlFor="role">Role</label>
        <select id="role" value={role} onChange={(e) => { const next = e.target.value as Role; setRole(next); setSub(`${next}-1`); }}>
          {ROLES.map((r) => (
            <option key={r.value} value={r.value}>{r.label}</option>
          ))}
        </select>
        <label htmlFor="sub">User id</label>
        <input id="sub" value={sub} onChange={(e) => setSub(e.target.value)} required pattern="[A-Za-z0-9._\-]{1,128}" aria-describedby="sub-help" />
        <span id="sub-help" className="hint muted">Therapists see the groups whose facilitator list holds this id.</span>
        <label htmlFor="org">Organization</label>
        <input id="org" value={org} onChange={(e) => setOrg(e.target.value)} required pattern="[A-Za-z0-9._\-]{1,128}" />
        <label htmlFor="name">Display name (optional)</label>
        <input id="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={128} />
        <button type="submit" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      {error ? <p role="alert" className="state state-error">{error}</p> : null}
    </section>
  );
}
