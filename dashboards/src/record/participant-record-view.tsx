import { useState } from 'react';
import { useParticipantNames } from '../api/lookups.js';
import type { Timeline } from '../api/types.js';
import { invalidate, useApi } from '../api/useApi.js';
import { href } from '../routing/url.js';
import { Link } from '../ui/link.js';
import { MeasureEntry } from './measure-entry.js';
import { ConsentForm, MilestoneForm } from './milestone-consent.js';
import { VoidMeasures } from './void-measures.js';

/** Recording for one participant: questionnaires, milestones, consents, voids. */
export function ParticipantRecordView({ participantId }: { participantId: string }) {
  const name = useParticipantNames([participantId])(participantId);
  const [position, setPosition] = useState<string | null>(null);
  const timeline = useApi<Timeline>(`/participants/${participantId}/timeline`);
  const sessions = timeline.data?.attendance.map((a) => ({ sessionId: a.sessionId, date: a.date })) ?? [];
  const saved = (at: string) => {
    setPosition(at);
    invalidate(`/participants/${participantId}`);
  };
  return (
    <>
      <p><Link to={href(`/participants/${participantId}`, null)}>← Timeline of {name}</Link></p>
      <h1>Record for {name}</h1>
      <MeasureEntry participantId={participantId} name={name} sessions={sessions} onSaved={saved} />
      <VoidMeasures participantId={participantId} name={name} position={position} onSaved={saved} />
      <div className="two-up">
        <MilestoneForm participantId={participantId} name={name} onSaved={saved} />
        <ConsentForm participantId={participantId} name={name} />
      </div>
    </>
  );
}
