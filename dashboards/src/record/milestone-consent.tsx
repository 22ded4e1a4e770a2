import { type FormEvent, useState } from 'react';
import { humanize } from '../ui/format.js';
import { Panel } from '../ui/states.js';
import { send } from './outbox.js';
import { errorLink, FieldError, FormMessage, today, useSubmit } from './use-submit.js';

/** API.md "Enumerations". */
const MILESTONES = ['abstinent_30_days', 'abstinent_90_days', 'abstinent_180_days', 'abstinent_365_days', 'goal_achieved', 'program_completed', 'returned_to_work_or_study', 'relapse_reported', 'other'];


export function MilestoneForm({ participantId, name, onSaved }: { participantId: string; name: string; onSaved: (position: string) => void }) {
  const [type, setType] = useState('goal_achieved');
  const [label, setLabel] = useState('');
  const [date, setDate] = useState(today());
  const submit = useSubmit<{ milestoneId: string; position: string }>();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = { type, achievedOn: date, ...(label.trim() ? { label: label.trim() } : {}) };
    const saved = await submit.run(() => send({ label: `Milestone for ${name}`, method: 'POST', path: `/participants/${participantId}/milestones`, body, scope: 'staff' }));
    if (saved) {
      setLabel('');
      onSaved(saved.position);
    }
  };
  return (
    <Panel title="Record a milestone" id="milestone-form">
      <form onSubmit={save} noValidate className="form-row">
        <div className="field">
          <label htmlFor="milestone-type">Milestone</label>
          <select id="milestone-type" value={type} onChange={(e) => setType(e.target.value)}>
            {MILESTONES.map((m) => <option key={m} value={m}>{humanize(m)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="milestone-label">Label {type === 'other' ? '(required)' : '(optional)'}</label>
          <input id="milestone-label" value={label} maxLength={200} onChange={(e) => setLabel(e.target.value)} {...errorLink(submit.errors, '/label', 'milestone-label')} />
          <FieldError id="milestone-label" message={submit.errors['/label']} />
        </div>
        <div className="field">
          <label htmlFor="milestone-date">Achieved on</label>
          <input id="milestone-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} {...errorLink(submit.errors, '/achievedOn', 'milestone-date')} />
          <FieldError id="milestone-date" message={submit.errors['/achievedOn']} />
        </div>
        <button type="submit" disabled={submit.busy}>Save milestone</button>
      </form>
      <FormMessage message={submit.message} />
      {submit.result ? <p role="status" data-saved="milestone">Milestone saved.</p> : null}
    </Panel>
  );
}

export function ConsentForm({ participantId, name }: { participantId: string; name: string }) {
  const [scope, setScope] = useState('research');
  const [status, setStatus] = useState('granted');
  const [recipient, setRecipient] = useState('');
  const [date, setDate] = useState(today());
  const submit = useSubmit<{ position: string }>();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const body = { scope, status, recordedOn: date, ...(scope === 'recipient' ? { recipient: recipient.trim() } : {}) };
    await submit.run(() => send({ label: `Consent (${scope}) for ${name}`, method: 'POST', path: `/participants/${participantId}/consents`, body, scope: 'staff' }));
  };
  return (
    <Panel title="Record consent" id="consent-form">
      <form onSubmit={save} noValidate className="form-row">
        <div className="field">
          <label htmlFor="consent-scope">Consent to</label>
          <select id="consent-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="tpo">Treatment, payment and operations</option>
            <option value="research">Research use</option>
            <option value="recipient">Disclosure to a named recipient</option>
          </select>
        </div>
        <fieldset className="inline-choices">
          <legend>Decision</legend>
          {['granted', 'revoked'].map((s) => (
            <label key={s} className="choice"><input type="radio" name="consent-status" value={s} checked={status === s} onChange={() => setStatus(s)} /> {humanize(s)}</label>
          ))}
        </fieldset>
        {scope === 'recipient' ? (
          <div className="field">
            <label htmlFor="consent-recipient">Recipient</label>
            <input id="consent-recipient" value={recipient} onChange={(e) => setRecipient(e.target.value)} {...errorLink(submit.errors, '/recipient', 'consent-recipient')} />
            <FieldError id="consent-recipient" message={submit.errors['/recipient']} />
          </div>
        ) : null}
        <div className="field">
          <label htmlFor="consent-date">Recorded on</label>
          <input id="consent-date" type="date" value={date} onChange={(e) => setDate(e.target.value)} {...errorLink(submit.errors, '/recordedOn', 'consent-date')} />
          <FieldError id="consent-date" message={submit.errors['/recordedOn']} />
        </div>
        <button type="submit" disabled={submit.busy}>Save consent</button>
      </form>
      <FormMessage message={submit.message} />
      {submit.result ? <p role="status" data-saved="consent">Consent recorded.</p> : null}
    </Panel>
  );
}
