import { type FormEvent, useEffect, useState } from 'react';
import type { GroupMembers, Timeline } from '../api/types.js';
import { invalidate, useApi } from '../api/useApi.js';
import { day, humanize } from '../ui/format.js';
import { Empty, Loaded, Panel } from '../ui/states.js';
import { send } from './outbox.js';
import { FormMessage, useSubmit } from './use-submit.js';

const STATUSES = ['present', 'late', 'absent', 'excused'] as const;

/** Members enrolled on a day (OUTCOMES.md: joinedOn ≤ d and (no leftOn or d < leftOn)). */
export function enrolledOn(members: GroupMembers['members'], date: string) {
  const seen = new Set<string>();
  return members
    .filter((m) => m.joinedOn <= date && (m.leftOn === null || date < m.leftOn))
    .filter((m) => !seen.has(m.participantId) && seen.add(m.participantId))
    .sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? ''));
}

/**
 * Attendance of one session in a few taps: each member a radio group of four statuses, "all
 * present" to start from, save. Saved statuses come back from the members' timelines, so a
 * later save is a correction (API.md: a later PUT is a correction event).
 */
export function AttendancePanel({ groupId, session, position, onSaved }: { groupId: string; session: { sessionId: string; date: string }; position: string | null; onSaved: (position: string) => void }) {
  const wait = position ? `?minPosition=${position}` : '';
  const members = useApi<GroupMembers>(`/groups/${groupId}/members${wait}`);
  const enrolled = members.data ? enrolledOn(members.data.members, session.date) : [];
  const timelines = useApi<Timeline>(enrolled.map((m) => `/participants/${m.participantId}/timeline${wait}`));
  const [statuses, setStatuses] = useState<Record<string, string>>({});
  const submit = useSubmit<{ position: string }>();
  const recorded = Object.fromEntries((timelines.data ?? []).flatMap((t) => t.attendance.filter((a) => a.sessionId === session.sessionId).map((a) => [t.participantId, a.status])));
  const recordedKey = JSON.stringify(recorded);
  useEffect(() => setStatuses(JSON.parse(recordedKey) as Record<string, string>), [recordedKey, session.sessionId]);
  const isCorrection = Object.keys(recorded).length > 0;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const records = enrolled.filter((m) => statuses[m.participantId]).map((m) => ({ participantId: m.participantId, status: statuses[m.participantId]! }));
    const saved = await submit.run(() => send({ label: `Attendance of ${day(session.date)}`, method: 'PUT', path: `/groups/${groupId}/sessions/${session.sessionId}/attendance`, body: { records }, scope: 'staff' }));
    if (saved) {
      invalidate(`/groups/${groupId}`);
      onSaved(saved.position);
    }
  };
  const missing = enrolled.filter((m) => !statuses[m.participantId]).length;
  return (
    <Panel title={`Attendance — ${day(session.date)}`} id="attendance">
      <Loaded state={members} what="members">
        {() =>
          enrolled.length === 0 ? (
            <Empty>No one was a member on {day(session.date)}.</Empty>
          ) : (
            <form onSubmit={save} noValidate data-form="attendance">
              <p className="muted">{isCorrection ? 'Attendance was recorded; saving again records a correction.' : 'Not recorded yet.'}</p>
              <button type="button" className="secondary" onClick={() => setStatuses(Object.fromEntries(enrolled.map((m) => [m.participantId, statuses[m.participantId] ?? 'present'])))}>Mark everyone else present</button>
              <ul className="attendance-list">
                {enrolled.map((m) => (
                  <li key={m.participantId} data-participant={m.participantId}>
                    <fieldset className="segmented">
                      <legend>{m.displayName ?? 'Unnamed participant'}</legend>
                      {STATUSES.map((s) => (
                        <label key={s} className="choice">
                          <input type="radio" name={`attendance-${m.participantId}`} value={s} checked={statuses[m.participantId] === s} onChange={() => setStatuses({ ...statuses, [m.participantId]: s })} />
                          <span>{humanize(s)}</span>
                        </label>
                      ))}
                    </fieldset>
                  </li>
                ))}
              </ul>
              <FormMessage message={submit.message} />
              {missing > 0 ? <p className="muted" data-value="unmarked">{missing} member{missing === 1 ? '' : 's'} not marked (left unrecorded).</p> : null}
              <button type="submit" disabled={submit.busy || missing === enrolled.length}>{isCorrection ? 'Save correction' : 'Save attendance'}</button>
              {submit.result ? <span role="status" data-saved="attendance"> Attendance saved.</span> : null}
            </form>
          )
        }
      </Loaded>
    </Panel>
  );
}
