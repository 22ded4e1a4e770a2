import { type FormEvent, useState } from 'react';
import type { Timeline } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { day } from '../ui/format.js';
import { Empty, Loaded, Panel } from '../ui/states.js';
import { send } from './outbox.js';
import { errorLink, FieldError, FormMessage, useSubmit } from './use-submit.js';

/** The participant's measures, newest first; a mis-entered one can be voided with a reason (history keeps it). */
export function VoidMeasures({ participantId, name, position, onSaved }: { participantId: string; name: string; position: string | null; onSaved: (position: string) => void }) {
  const timeline = useApi<Timeline>(`/participants/${participantId}/timeline${position ? `?minPosition=${position}` : ''}`);
  const [voiding, setVoiding] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const submit = useSubmit<{ position: string }>();
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submit.run(() => send({ label: `Void a measure of ${name}`, method: 'POST', path: `/participants/${participantId}/measures/${voiding}/void`, body: { reason: reason.trim() }, scope: 'staff' }));
    if (saved) {
      setVoiding(null);
      setReason('');
      onSaved(saved.position);
    }
  };
  return (
    <Panel title="Recorded questionnaires" id="recorded-measures">
      <Loaded state={timeline} what="the recorded questionnaires">
        {(t) => {
          const measures = [...t.measures].sort((a, b) => b.administeredOn.localeCompare(a.administeredOn));
          if (measures.length === 0) return <Empty>No questionnaires recorded yet.</Empty>;
          return (
            <table className="data" data-table="recorded-measures">
              <thead><tr><th scope="col">Date</th><th scope="col">Questionnaire</th><th scope="col">Score</th><th scope="col">Status</th></tr></thead>
              <tbody>
                {measures.map((m) => (
                  <tr key={m.measureId} data-measure={m.measureId}>
                    <td>{day(m.administeredOn)}</td>
                    <td>{m.instrument}</td>
                    <td>{m.score.total ?? '—'}{m.score.band ? ` ${m.score.band}` : ''}</td>
                    <td>
                      {m.voided ? <span className="muted" data-voided>voided</span> : voiding === m.measureId ? (
                        <form onSubmit={save} noValidate className="form-row">
                          <label htmlFor={`void-${m.measureId}`}>Reason for voiding</label>
                          <input id={`void-${m.measureId}`} value={reason} onChange={(e) => setReason(e.target.value)} {...errorLink(submit.errors, '/reason', `void-${m.measureId}`)} />
                          <FieldError id={`void-${m.measureId}`} message={submit.errors['/reason']} />
                          <button type="submit" disabled={submit.busy}>Void</button>
                          <button type="button" className="secondary" onClick={() => { setVoiding(null); submit.reset(); }}>Cancel</button>
                        </form>
                      ) : (
                        <button type="button" className="secondary" onClick={() => { setVoiding(m.measureId); setReason(''); submit.reset(); }} aria-label={`Void ${m.instrument} of ${day(m.administeredOn)}`}>Void…</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Loaded>
      <FormMessage message={submit.message} />
    </Panel>
  );
}
