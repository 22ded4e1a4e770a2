import { type FormEvent, useState } from 'react';
import { apiRequest, ApiError } from '../api/client.js';
import type { Role } from '../api/types.js';
import { saveSession } from './session.js';

const ROLES: { value: Role; label: string }[] = [
  { value: 'director', label: 'Clinical director' },
  { value: 'therapist', label: 'Therapist' },
  { value: 'researcher', label: 'Researcher' },
];

/**
 * Embedded mode's dev sign-in (API.md "Auth": POST /auth/dev-token). The production sign-in
 * through an OIDC provider is issue 6 and is not built: the placeholder says so plainly.
 */
export function SignIn({ onSignedIn }: { onSignedIn: () => void }) {
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
    <main className="sign-in" id="main">
      <h1>Group outcomes</h1>
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
      <section className="panel placeholder" aria-labelledby="oidc-title">
        <h2 id="oidc-title">Organization sign-in (OIDC)</h2>
        <p>Production sign-in through your organization's identity provider is not available yet (issue 6). This server can only be used in embedded development mode.</p>
        <button type="button" disabled aria-disabled="true">Sign in with your organization — not available yet</button>
      </section>
    </main>
  );
}
