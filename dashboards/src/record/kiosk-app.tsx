import { type FormEvent, useState } from 'react';
import { apiRequest } from '../api/client.js';
import { type FormInstrument, toItems } from './forms.js';
import { send } from './outbox.js';
import { OutboxPanel } from './outbox-panel.js';
import { QuestionnaireItems } from './questionnaire.js';
import { FormMessage, useSubmit } from './use-submit.js';

/** A kiosk sign-in: what the api gave for one code (POST /kiosk/sign-in). Nothing about the person. */
interface KioskSession {
  token: string;
  expiresAt: string;
  sessionDate: string;
  instruments: FormInstrument[];
  done: string[];
}

const KEY = 'group-outcomes.kiosk';
const load = (): KioskSession | null => {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as KioskSession | null;
  } catch {
    return null;
  }
};
const save = (session: KioskSession | null) => (session ? sessionStorage.setItem(KEY, JSON.stringify(session)) : sessionStorage.removeItem(KEY));

/**
 * Self-report on a tablet (/kiosk): a member types the code from their slip, fills in the
 * session's questionnaires one after the other with large touch targets, and hands the
 * tablet back. The kiosk token can only submit these forms for this member and session.
 */
export function KioskApp() {
  const [session, setSession] = useState<KioskSession | null>(load);
  const update = (next: KioskSession | null) => {
    save(next);
    setSession(next);
  };
  return (
    <main id="main" className="kiosk">
      <h1>Session questionnaires</h1>
      <OutboxPanel scope="kiosk" large />
      {!session ? <CodeEntry onSignedIn={update} /> : <KioskForms session={session} onChange={update} />}
    </main>
  );
}

function CodeEntry({ onSignedIn }: { onSignedIn: (s: KioskSession) => void }) {
  const [code, setCode] = useState('');
  const submit = useSubmit<KioskSession>();
  const signIn = async (event: FormEvent) => {
    event.preventDefault();
    const result = await submit.run(async () => ({ ...(await apiRequest<Omit<KioskSession, 'done'>>('POST', '/kiosk/sign-in', { code })), done: [] }));
    if (result) onSignedIn(result);
  };
  return (
    <form onSubmit={signIn} className="kiosk-code-form" noValidate>
      <label htmlFor="kiosk-code">Your code (from the slip your therapist gave you)</label>
      <input id="kiosk-code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" autoCapitalize="characters" spellCheck={false} inputMode="text" maxLength={32} />
      <button type="submit" disabled={submit.busy || code.trim().length < 8}>Start</button>
      <FormMessage message={submit.message} />
    </form>
  );
}

function KioskForms({ session, onChange }: { session: KioskSession; onChange: (s: KioskSession | null) => void }) {
  const next = session.instruments.find((i) => !session.done.includes(i.id));
  const [answers, setAnswers] = useState<string[]>([]);
  const submit = useSubmit<unknown>();
  if (!next) {
    return (
      <section className="kiosk-done" aria-labelledby="kiosk-done-title">
        <h2 id="kiosk-done-title">Thank you — your answers are saved.</h2>
        <p>Your therapist will see them. If you are having thoughts of harming yourself, please tell your therapist or another member of staff now.</p>
        <button type="button" onClick={() => onChange(null)}>Finish and hand the tablet back</button>
      </section>
    );
  }
  const current = answers.length === next.items.length ? answers : next.items.map(() => '');
  const send_ = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submit.run(() => send({ label: `${next.id} (self-report)`, method: 'POST', path: '/kiosk/measures', body: { instrument: next.id, items: toItems(current) }, scope: 'kiosk', kioskToken: session.token }));
    if (saved !== null) {
      setAnswers([]);
      onChange({ ...session, done: [...session.done, next.id] });
    }
  };
  const position = session.instruments.indexOf(next) + 1;
  return (
    <form onSubmit={send_} noValidate aria-labelledby="kiosk-form-title">
      <h2 id="kiosk-form-title">
        {next.title ?? next.id} <span className="muted">({position} of {session.instruments.length})</span>
      </h2>
      <p className="muted">Over the time the questionnaire asks about, how often or how much? Choose one answer per question.</p>
      <QuestionnaireItems instrument={next} answers={current} onChange={setAnswers} errors={submit.errors} large />
      <FormMessage message={submit.message} />
      <button type="submit" className="kiosk-submit" disabled={submit.busy}>{submit.busy ? 'Sending…' : position === session.instruments.length ? 'Send my answers' : 'Next'}</button>
    </form>
  );
}
