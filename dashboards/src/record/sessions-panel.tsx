import { type FormEvent, useState } from 'react';
import type { Cohesion } from '../api/types.js';
import { invalidate, useApi } from '../api/useApi.js';
import { day } from '../ui/format.js';
import { Empty, Loaded, Panel } from '../ui/states.js';
import { send } from './outbox.js';
import { errorLink, FieldError, FormMessage, today, useSubmit } from './use-submit.js';

export interface SessionRef {
  sessionId: string;
  date: string;
}

/** The group's sessions (newest first, from GET /groups/{id}/cohesion), a new one, and which is chosen. */
export function SessionsPanel({ groupId, selected, onSelect, position, onSaved, closed }: { groupId: string; selected: string | null; onSelect: (s: SessionRef) => void; position: string | null; onSaved: (position: string) => void; closed: boolean }) {
  const cohesion = useApi<Cohesion>(`/groups/${groupId}/cohesion${position ? `?minPosition=${position}` : ''}`);
  const [date, setDate] = useState(today());
  const [duration, setDuration] = useState('90');
  const submit = useSubmit<{ sessionId: string; date: string; position: string }>();
  const create = async (event: FormEvent) => {
    event.preventDefault();
    const body = { date, ...(duration ? { durationMinutes: Number(duration) } : {}) };
    const saved = await submit.run(() => send({ label: `New session on ${day(date)}`, method: 'POST', path: `/groups/${groupId}/sessions`, body, scope: 'staff' }));
    if (saved) {
      invalidate(`/groups/${groupId}`);
      onSaved(saved.position);
      onSelect({ sessionId: saved.sessionId, date: saved.date ?? date });
    }
  };
  return (
    <Panel title="Sessions" id="sessions">
      {closed ? null : (
        <form onSubmit={create} noValidate className="form-row" data-form="new-session">
          <div className="field">
            <label htmlFor="session-date">New session on</label>
            <input id="session-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} {...errorLink(submit.errors, '/date', 'session-date')} />
            <FieldError id="session-date" message={submit.errors['/date']} />
          </div>
          <div className="field">
            <label htmlFor="session-duration">Minutes</label>
            <input id="session-duration" type="number" min={5} max={600} value={duration} onChange={(e) => setDuration(e.target.value)} {...errorLink(submit.errors, '/durationMinutes', 'session-duration')} />
            <FieldError id="session-duration" message={submit.errors['/durationMinutes']} />
          </div>
          <button type="submit" disabled={submit.busy}>Create session</button>
        </form>
      )}
      <FormMessage message={submit.message} />
      <Loaded state={cohesion} what="sessions">
        {({ sessions }) =>
          sessions.length === 0 ? (
            <Empty>No sessions yet.</Empty>
          ) : (
            <ul className="session-list" aria-label="Sessions of this group">
              {[...sessions].reverse().map((s) => (
                <li key={s.sessionId}>
                  <button type="button" className={s.sessionId === selected ? 'tab active' : 'tab'} aria-pressed={s.sessionId === selected} onClick={() => onSelect({ sessionId: s.sessionId, date: s.date })} data-session={s.sessionId}>
                    {day(s.date)} <span className="session-count">{s.unrecorded === s.enrolled ? 'not recorded' : `${s.present + s.late}/${s.enrolled} attended`}</span>
                  </button>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Panel>
  );
}
