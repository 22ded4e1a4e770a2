import { useEffect, useState } from 'react';
import { setUnauthenticatedHandler } from './api/client.js';
import { clearSession, loadSession } from './auth/session.js';
import { SignIn } from './auth/sign-in.js';
import { CriticalBanner } from './panels/critical-banner.js';
import { navigate, useLocation } from './routing/url.js';
import { Link } from './ui/link.js';
import { AlertsView } from './views/alerts-view.js';
import { DirectorView } from './views/director-view.js';
import { ExportsView } from './views/exports-view.js';
import { ParticipantView } from './views/participant-view.js';
import { TherapistView } from './views/therapist-view.js';
import { GroupRecordView } from './record/group-record-view.js';
import { KioskApp } from './record/kiosk-app.js';
import { OutboxPanel } from './record/outbox-panel.js';
import { ParticipantRecordView } from './record/participant-record-view.js';

const NAV = [
  { path: '/director', label: 'Program overview' },
  { path: '/therapist', label: 'My groups' },
  { path: '/record', label: 'Record' },
  { path: '/alerts', label: 'Alerts' },
  { path: '/exports', label: 'Exports' },
];

/** Who sees which view: researchers read de-identified aggregates and exports; exports are for researchers and directors (PRIVACY.md "Access"). */
const NAV_BY_ROLE: Record<string, readonly string[]> = { researcher: ['/director', '/exports'], therapist: ['/director', '/therapist', '/record', '/alerts'], admin: ['/director', '/therapist', '/record', '/alerts'] };

/** The shell: sign-in gate, navigation, the critical-item banner and the view of the path. */
export function App() {
  const [session, setSession] = useState(loadSession);
  const { path } = useLocation();
  useEffect(() => setUnauthenticatedHandler(() => setSession(null)), []);
  useEffect(() => {
    if (session && (path === '/' || path === '/signin')) navigate(session.role === 'therapist' ? '/therapist' : '/director', { replace: true });
  }, [session, path]);

  // The tablet kiosk has no staff session: a member's code is its only key.
  if (path === '/kiosk') return <KioskApp />;
  if (!session) return <SignIn onSignedIn={() => setSession(loadSession())} />;
  const participant = /^\/participants\/([^/]+)$/.exec(path)?.[1];
  const recordFor = /^\/participants\/([^/]+)\/record$/.exec(path)?.[1];
  const allowed = NAV_BY_ROLE[session.role];
  const nav = allowed ? NAV.filter((n) => allowed.includes(n.path)) : NAV;
  return (
    <>
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">Group outcomes</span>
        <nav aria-label="Views">
          {nav.map((n) => <Link key={n.path} to={n.path} current={path.startsWith(n.path)} className="nav-link">{n.label}</Link>)}
        </nav>
        <span className="who">
          {session.name ?? session.sub} · {session.role} · {session.org}{' '}
          <button type="button" className="secondary" onClick={() => { clearSession(); setSession(null); navigate('/'); }}>Sign out</button>
        </span>
      </header>
      {session.role === 'researcher' ? null : <CriticalBanner />}
      <OutboxPanel scope="staff" />
      <main id="main" tabIndex={-1}>
        {recordFor ? <ParticipantRecordView participantId={decodeURIComponent(recordFor)} /> : path.startsWith('/record') ? <GroupRecordView /> : participant ? <ParticipantView participantId={decodeURIComponent(participant)} /> : path.startsWith('/therapist') ? <TherapistView /> : path.startsWith('/alerts') ? <AlertsView /> : path.startsWith('/exports') ? <ExportsView /> : <DirectorView />}
      </main>
    </>
  );
}
