import { type FormEvent, useState } from 'react';
import type { GroupMembers, List, Participant } from '../api/types.js';
import { invalidate, useApi } from '../api/useApi.js';
import { day, humanize } from '../ui/format.js';
import { Loaded, Panel } from '../ui/states.js';
import { send } from './outbox.js';
import { errorLink, FieldError, FormMessage, today, useSubmit } from './use-submit.js';

const REASONS = ['completed', 'dropped_out', 'transferred', 'other'];

/** People offered to add: the program's most recent registrations (a program can have ~200 k people at 10 M events). */
const RECENT_REGISTRATIONS = 200;

/** Current members with a Leave action (date and reason), and adding a member: someone recently registered in the program or a new person. */
export function MembersPanel({ groupId, programId, position, onSaved, closed }: { groupId: string; programId: string; position: string | null; onSaved: (position: string) => void; closed: boolean }) {
  const wait = position ? `?minPosition=${position}` : '';
  const members = useApi<GroupMembers>(`/groups/${groupId}/members${wait}`);
  const participants = useApi<List<Participant>>(`/participants?programId=${programId}&limit=${RECENT_REGISTRATIONS}`);
  const [leaving, setLeaving] = useState<string | null>(null);
  const [leftOn, setLeftOn] = useState(today());
  const [reason, setReason] = useState('completed');
  const [adding, setAdding] = useState('');
  const [newName, setNewName] = useState('');
  const [birth, setBirth] = useState('');
  const [joinedOn, setJoinedOn] = useState(today());
  const leave = useSubmit<{ position: string }>();
  const add = useSubmit<{ position: string }>();
  const done = (at: string) => {
    invalidate(`/groups/${groupId}`);
    invalidate('/participants');
    onSaved(at);
  };
  const current = (members.data?.members ?? []).filter((m) => m.leftOn === null);
  const candidates = (participants.data?.items ?? []).filter((p) => !current.some((m) => m.participantId === p.participantId));

  const submitLeave = async (event: FormEvent, name: string) => {
    event.preventDefault();
    const saved = await leave.run(() => send({ label: `${name} leaves the group`, method: 'POST', path: `/groups/${groupId}/members/${leaving}/leave`, body: { leftOn, reason }, scope: 'staff' }));
    if (saved) {
      setLeaving(null);
      done(saved.position);
    }
  };
  const submitAdd = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await add.run(async () => {
      let participantId = adding;
      if (!participantId) {
        const registered = await send<{ participantId: string }>({ label: `Register ${newName}`, method: 'POST', path: '/participants', body: { programId, displayName: newName.trim(), dateOfBirth: birth }, scope: 'staff' });
        participantId = registered.participantId;
        // A retry after a failed join must not register the person twice.
        setAdding(participantId);
      }
      return send<{ position: string }>({ label: 'Add a member', method: 'POST', path: `/groups/${groupId}/members`, body: { participantId, joinedOn }, scope: 'staff' });
    });
    if (saved) {
      setNewName('');
      setBirth('');
      setAdding('');
      done(saved.position);
    }
  };
  return (
    <Panel title="Members" id="manage-members">
      <Loaded state={members} what="members">
        {() => (
          <ul className="member-list">
            {current.map((m) => (
              <li key={m.participantId} data-member={m.participantId}>
                <span className="member-name">{m.displayName ?? 'Unnamed participant'}</span> <span className="muted">since {day(m.joinedOn)}</span>{' '}
                {closed ? null : leaving === m.participantId ? (
                  <form onSubmit={(e) => submitLeave(e, m.displayName ?? 'A member')} noValidate className="form-row">
                    <div className="field">
                      <label htmlFor="leave-date">Left on</label>
                      <input id="leave-date" type="date" value={leftOn} onChange={(e) => setLeftOn(e.target.value)} {...errorLink(leave.errors, '/leftOn', 'leave-date')} />
                      <FieldError id="leave-date" message={leave.errors['/leftOn']} />
                    </div>
                    <div className="field">
                      <label htmlFor="leave-reason">Reason</label>
                      <select id="leave-reason" value={reason} onChange={(e) => setReason(e.target.value)}>
                        {REASONS.map((r) => <option key={r} value={r}>{humanize(r)}</option>)}
                      </select>
                    </div>
                    <button type="submit" disabled={leave.busy}>Confirm leave</button>
                    <button type="button" className="secondary" onClick={() => setLeaving(null)}>Cancel</button>
                  </form>
                ) : (
                  <button type="button" className="secondary" onClick={() => { setLeaving(m.participantId); leave.reset(); }} aria-label={`${m.displayName ?? 'Member'} leaves…`}>Leaves…</button>
                )}
              </li>
            ))}
          </ul>
        )}
      </Loaded>
      <FormMessage message={leave.message} />
      {closed ? null : (
        <form onSubmit={submitAdd} noValidate className="form-row" data-form="add-member">
          <div className="field">
            <label htmlFor="add-who">Add a member</label>
            <select id="add-who" value={adding} onChange={(e) => setAdding(e.target.value)}>
              <option value="">A new person…</option>
              {candidates.length ? (
                <optgroup label="Recently registered in this program">
                  {candidates.map((p) => <option key={p.participantId} value={p.participantId}>{p.displayName ?? 'Unnamed participant'}</option>)}
                </optgroup>
              ) : null}
            </select>
          </div>
          {adding ? null : (
            <>
              <div className="field">
                <label htmlFor="add-name">Name</label>
                <input id="add-name" value={newName} onChange={(e) => setNewName(e.target.value)} {...errorLink(add.errors, '/displayName', 'add-name')} />
                <FieldError id="add-name" message={add.errors['/displayName']} />
              </div>
              <div className="field">
                <label htmlFor="add-birth">Date of birth</label>
                <input id="add-birth" type="date" value={birth} onChange={(e) => setBirth(e.target.value)} {...errorLink(add.errors, '/dateOfBirth', 'add-birth')} />
                <FieldError id="add-birth" message={add.errors['/dateOfBirth']} />
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor="add-joined">Joined on</label>
            <input id="add-joined" type="date" value={joinedOn} onChange={(e) => setJoinedOn(e.target.value)} {...errorLink(add.errors, '/joinedOn', 'add-joined')} />
            <FieldError id="add-joined" message={add.errors['/joinedOn']} />
          </div>
          <button type="submit" disabled={add.busy}>Add member</button>
        </form>
      )}
      <FormMessage message={add.message} />
      {add.result ? <p role="status" data-saved="member">Member added.</p> : null}
    </Panel>
  );
}
