import { type FormEvent, useState } from 'react';
import { useInstruments, usePrograms } from '../api/lookups.js';
import { errorLink, FieldError, FormMessage, useSubmit } from '../record/use-submit.js';
import { Loaded, Panel } from '../ui/states.js';
import { type ExportRequest, requestExport } from './export-api.js';

/** k may only be raised above the policy's minimum cell size (PRIVACY.md "Research export"). */
export const MIN_K = 11;

/** GET /programs answers the measurement schedule too; the form offers its instruments. */
interface ProgramWithSchedule {
  programId: string;
  name: string;
  schedule?: { instrument: string }[];
}

/**
 * The request of a research export. Browser validation is off (noValidate) so the api's own
 * messages, by JSON pointer, are shown beside the fields they concern.
 */
export function ExportForm({ onRequested }: { onRequested: (exportId: string) => void }) {
  const programs = usePrograms();
  const instruments = useInstruments();
  const [programId, setProgramId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [k, setK] = useState(String(MIN_K));
  const submit = useSubmit<{ exportId: string }>();
  // An instrument's error points at its index (`/instruments/2`): shown under the whole list.
  const instrumentsError = Object.entries(submit.errors).find(([pointer]) => pointer.startsWith('/instruments'))?.[1];

  return (
    <Panel title="Request an export" id="export-request">
      <Loaded state={programs} what="programs">
        {(list) => {
          const items = list.items as ProgramWithSchedule[];
          if (items.length === 0) return <p className="state state-empty">No programs to export yet.</p>;
          const program = items.find((p) => p.programId === programId) ?? items[0]!;
          const scheduled = [...new Set((program.schedule ?? []).map((s) => s.instrument))];
          const offered = scheduled.length ? scheduled : (instruments.data?.items ?? []).map((i) => i.id);
          const onSubmit = async (event: FormEvent) => {
            event.preventDefault();
            const request: ExportRequest = { programId: program.programId };
            if (from) request.from = from;
            if (to) request.to = to;
            const kept = chosen.filter((id) => offered.includes(id));
            if (kept.length) request.instruments = kept;
            // A blank k is the policy default; anything typed is sent as is for the api to judge.
            if (k.trim() !== '') request.k = Number(k);
            const accepted = await submit.run(() => requestExport(request));
            if (accepted) onRequested(accepted.exportId);
          };
          const field = (id: string, pointer: string) => ({ id, ...errorLink(submit.errors, pointer, id) });
          return (
            <form onSubmit={onSubmit} noValidate aria-label="Request an export">
              <div className="form-row">
                <div className="field">
                  <label htmlFor="export-program">Program</label>
                  <select {...field('export-program', '/programId')} value={program.programId} onChange={(e) => setProgramId(e.target.value)}>
                    {items.map((p) => (
                      <option key={p.programId} value={p.programId}>{p.name}</option>
                    ))}
                  </select>
                  <FieldError id="export-program" message={submit.errors['/programId']} />
                </div>
                <div className="field">
                  <label htmlFor="export-from">From (optional)</label>
                  <input {...field('export-from', '/from')} type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
                  <FieldError id="export-from" message={submit.errors['/from']} />
                </div>
                <div className="field">
                  <label htmlFor="export-to">To (optional)</label>
                  <input {...field('export-to', '/to')} type="date" value={to} onChange={(e) => setTo(e.target.value)} />
                  <FieldError id="export-to" message={submit.errors['/to']} />
                </div>
                <div className="field">
                  <label htmlFor="export-k">Minimum cell size k (at least {MIN_K})</label>
                  <input {...field('export-k', '/k')} type="number" inputMode="numeric" min={MIN_K} step={1} value={k} onChange={(e) => setK(e.target.value)} />
                  <FieldError id="export-k" message={submit.errors['/k']} />
                </div>
              </div>
              <fieldset aria-invalid={instrumentsError ? true : undefined} aria-describedby="export-instruments-hint">
                <legend>Instruments</legend>
                <p id="export-instruments-hint" className="muted">None ticked: every instrument of the program.</p>
                <div className="inline-choices">
                  {offered.map((id) => (
                    <label key={id} className="choice">
                      <input type="checkbox" checked={chosen.includes(id)} onChange={(e) => setChosen(e.target.checked ? [...chosen, id] : chosen.filter((c) => c !== id))} />
                      {id}
                    </label>
                  ))}
                </div>
                <FieldError id="export-instruments" message={instrumentsError} />
              </fieldset>
              <button type="submit" disabled={submit.busy}>{submit.busy ? 'Requesting…' : 'Request export'}</button>
              <FormMessage message={submit.message} />
            </form>
          );
        }}
      </Loaded>
    </Panel>
  );
}
