import { type FormEvent, useEffect, useState } from 'react';
import { staffLabel } from '../api/lookups.js';
import type { List, StaffMember } from '../api/types.js';
import { invalidate, useApi } from '../api/useApi.js';
import { Panel } from '../ui/states.js';
import { send } from './outbox.js';
import { errorLink, FieldError, FormMessage, useSubmit } from './use-submit.js';

/**
 * A group's facilitators by name, and for a director or admin a field to set the name each is
 * shown by (PUT /staff/{userId}): the comparison by therapist and the group cards use it.
 */
export function FacilitatorNames({ facilitatorIds }: { facilitatorIds: readonly string[] }) {
  const [position, setPosition] = useState<string | null>(null);
  // The names as of our last save (`minPosition`), so a saved name shows at once.
  const staff = useApi<List<{ userId: string; name: string }>>(`/staff${position ? `?minPosition=${position}` : ''}`);
  const names = new Map((staff.data?.items ?? []).map((s) => [s.userId, s.name]));
  useEffect(() => {
    if (position && staff.status === 'ready') invalidate('/groups'); // the group cards, now that the name is in
  }, [position, staff.status]);
  return (
    <Panel title="Facilitators" id="facilitator-names">
      {facilitatorIds.map((userId) => (
        <NameForm key={userId} member={{ userId, name: names.get(userId) ?? null }} onSaved={setPosition} />
      ))}
    </Panel>
  );
}

function NameForm({ member, onSaved }: { member: StaffMember; onSaved: (position: string) => void }) {
  const [name, setName] = useState(member.name ?? '');
  useEffect(() => setName(member.name ?? ''), [member.name]);
  const submit = useSubmit<{ position: string }>();
  const id = `staff-name-${member.userId}`;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submit.run(() => send({ label: `Name ${member.userId}`, method: 'PUT', path: `/staff/${encodeURIComponent(member.userId)}`, body: { name }, scope: 'staff' }));
    if (saved) onSaved(saved.position);
  };
  return (
    <form onSubmit={save} noValidate className="form-row" data-staff={member.userId}>
      <div className="field">
        <label htmlFor={id}>Name of {staffLabel(member.userId, member.name)} <span className="muted">({member.userId})</span></label>
        <input id={id} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} {...errorLink(submit.errors, '/name', id)} />
        <FieldError id={id} message={submit.errors['/name']} />
      </div>
      <button type="submit" disabled={submit.busy || name === (member.name ?? '')}>Save name</button>
      <FormMessage message={submit.message} />
    </form>
  );
}
