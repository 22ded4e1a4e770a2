import { type FormEvent, useState } from 'react';
import { invalidate } from '../api/useApi.js';
import { day } from '../ui/format.js';
import { Panel } from '../ui/states.js';
import { send } from './outbox.js';
import { errorLink, FieldError, FormMessage, today, useSubmit } from './use-submit.js';

/** Closing a group: a date and an explicit confirmation, since it cannot be undone here. */
export function CloseGroup({ groupId, name, closedOn, onSaved }: { groupId: string; name: string; closedOn: string | null; onSaved: (position: string) => void }) {
  const [date, setDate] = useState(today());
  const [sure, setSure] = useState(false);
  const submit = useSubmit<{ position: string }>();
  if (closedOn) return <Panel title="Group closed" id="close-group"><p data-value="closed-on">{name} closed on {day(closedOn)}.</p></Panel>;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submit.run(() => send({ label: `Close ${name}`, method: 'POST', path: `/groups/${groupId}/close`, body: { closedOn: date }, scope: 'staff' }));
    if (saved) {
      invalidate('/groups');
      onSaved(saved.position);
    }
  };
  return (
    <Panel title="Close the group" id="close-group">
      <form onSubmit={save} noValidate className="form-row">
        <div className="field">
          <label htmlFor="close-date">Closed on</label>
          <input id="close-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} {...errorLink(submit.errors, '/closedOn', 'close-date')} />
          <FieldError id="close-date" message={submit.errors['/closedOn']} />
        </div>
        <label className="choice"><input type="checkbox" checked={sure} onChange={(e) => setSure(e.target.checked)} /> Yes, close {name}</label>
        <button type="submit" disabled={!sure || submit.busy}>Close group</button>
      </form>
      <FormMessage message={submit.message} />
    </Panel>
  );
}
