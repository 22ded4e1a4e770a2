import { type FormEvent, useState } from 'react';
import type { Instrument, List } from '../api/types.js';
import { invalidate, useApi } from '../api/useApi.js';
import { Loaded, Panel } from '../ui/states.js';
import { type FormInstrument, type MeasureResult, scoreLine, toItems } from './forms.js';
import { send } from './outbox.js';
import { QuestionnaireItems } from './questionnaire.js';
import { errorLink, FieldError, FormMessage, today, useSubmit } from './use-submit.js';

/**
 * Staff entry of a questionnaire (e.g. from a paper form): instrument, the date it was
 * completed, optionally the session, the items; on save the api's score, band and alerts.
 */
export function MeasureEntry({ participantId, name, sessions, onSaved }: { participantId: string; name: string; sessions: { sessionId: string; date: string }[]; onSaved: (position: string) => void }) {
  const instruments = useApi<List<Instrument & FormInstrument>>('/instruments');
  const [instrumentId, setInstrumentId] = useState('PHQ-9');
  const [date, setDate] = useState(today());
  const [sessionId, setSessionId] = useState('');
  const [answers, setAnswers] = useState<string[]>([]);
  const submit = useSubmit<MeasureResult & { position: string }>();
  return (
    <Panel title="Enter a questionnaire" id="measure-entry">
      <Loaded state={instruments} what="instruments">
        {({ items }) => {
          const instrument = items.find((i) => i.id === instrumentId) ?? items[0]!;
          const current = answers.length === instrument.items.length ? answers : instrument.items.map(() => '');
          const save = async (event: FormEvent) => {
            event.preventDefault();
            const body = { instrument: instrument.id, items: toItems(current), administeredOn: date, ...(sessionId ? { sessionId } : {}) };
            const saved = await submit.run(() => send({ label: `${instrument.id} for ${name}`, method: 'POST', path: `/participants/${participantId}/measures`, body, scope: 'staff' }));
            if (saved) {
              setAnswers(instrument.items.map(() => ''));
              invalidate('/alerts');
              onSaved(saved.position);
            }
          };
          return (
            <form onSubmit={save} noValidate>
              <div className="form-row">
                <div className="field">
                  <label htmlFor="measure-instrument">Questionnaire</label>
                  <select id="measure-instrument" value={instrument.id} onChange={(e) => { setInstrumentId(e.target.value); setAnswers([]); submit.reset(); }}>
                    {items.map((i) => <option key={i.id} value={i.id}>{i.id} — {i.title}</option>)}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor="measure-date">Date completed</label>
                  <input id="measure-date" type="date" value={date} max={today()} onChange={(e) => setDate(e.target.value)} required {...errorLink(submit.errors, '/administeredOn', 'measure-date')} />
                  <FieldError id="measure-date" message={submit.errors['/administeredOn']} />
                </div>
                <div className="field">
                  <label htmlFor="measure-session">Session (optional)</label>
                  <select id="measure-session" value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
                    <option value="">Not tied to a session</option>
                    {sessions.map((s) => <option key={s.sessionId} value={s.sessionId}>{s.date}</option>)}
                  </select>
                </div>
              </div>
              <QuestionnaireItems instrument={instrument} answers={current} onChange={setAnswers} errors={submit.errors} />
              <FormMessage message={submit.message} />
              <button type="submit" disabled={submit.busy}>{submit.busy ? 'Saving…' : `Save ${instrument.id}`}</button>
            </form>
          );
        }}
      </Loaded>
      {submit.result ? <SavedScore result={submit.result} /> : null}
    </Panel>
  );
}

export function SavedScore({ result }: { result: MeasureResult }) {
  return (
    <div className="saved" data-saved-measure={result.measureId}>
      <p role="status"><strong data-score-line>Saved. {scoreLine(result)}</strong></p>
      {result.alerts.length ? (
        <ul className="state state-error" role="alert" data-saved-alerts>
          {result.alerts.map((a) => <li key={a.alertId}><strong>Alert raised:</strong> {a.message}</li>)}
        </ul>
      ) : null}
    </div>
  );
}
