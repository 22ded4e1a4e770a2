import { useState } from 'react';
import { apiRequest } from '../api/client.js';
import type { GroupMembers } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { day } from '../ui/format.js';
import { Panel } from '../ui/states.js';
import { FormMessage, useSubmit } from './use-submit.js';

interface Opened {
  date: string;
  instruments: string[];
  codes: { participantId: string; code: string; expiresAt: string }[];
}

const CHOICES = ['GSRS', 'PHQ-9', 'GAD-7', 'CORE-10', 'ORS', 'GCQ-S'];

/**
 * Opens the self-report kiosk for a session: one code per member, to hand out on a slip.
 * Codes are single-use, expire after 2 hours and live in the api's memory (a restart voids
 * them: open the kiosk again). Members type theirs at /kiosk on the tablet.
 */
export function KioskCodes({ groupId, session }: { groupId: string; session: { sessionId: string; date: string } }) {
  const [instruments, setInstruments] = useState(['GSRS', 'PHQ-9']);
  const submit = useSubmit<Opened>();
  // The member table's names (the members panel beside it asks for the same), ready before the codes are.
  const members = useApi<GroupMembers>(`/groups/${groupId}/members`);
  const name = (participantId: string) => members.data?.members.find((m) => m.participantId === participantId)?.displayName ?? `Participant ${participantId.slice(0, 8)}`;
  const open = () => submit.run(() => apiRequest<Opened>('POST', `/groups/${groupId}/sessions/${session.sessionId}/kiosk`, { instruments }));
  const toggle = (id: string) => setInstruments(instruments.includes(id) ? instruments.filter((i) => i !== id) : [...instruments, id]);
  return (
    <Panel title={`Self-report kiosk — ${day(session.date)}`} id="kiosk-codes">
      <fieldset className="inline-choices">
        <legend>Questionnaires members fill in</legend>
        {CHOICES.map((id) => (
          <label key={id} className="choice"><input type="checkbox" checked={instruments.includes(id)} onChange={() => toggle(id)} /> {id}</label>
        ))}
      </fieldset>
      <button type="button" onClick={open} disabled={submit.busy || instruments.length === 0}>{submit.result ? 'Issue new codes' : 'Open kiosk and issue codes'}</button>
      <FormMessage message={submit.message} />
      {submit.result ? (
        <>
          <p role="status">Give each member their code; they enter it at <strong>{window.location.origin}/kiosk</strong>. Codes work once, until {new Date(submit.result.codes[0]?.expiresAt ?? Date.now()).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.</p>
          <table className="data" data-table="kiosk-codes">
            <thead><tr><th scope="col">Member</th><th scope="col">Code</th></tr></thead>
            <tbody>
              {submit.result.codes.map((c) => (
                <tr key={c.participantId} data-participant={c.participantId}><th scope="row">{name(c.participantId)}</th><td className="kiosk-code" data-code>{c.code}</td></tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Panel>
  );
}
