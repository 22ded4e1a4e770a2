import { useParticipantNames } from '../api/lookups.js';
import { TimelinePanel } from '../panels/timeline.js';
import { href, useQueryState } from '../routing/url.js';
import { Link } from '../ui/link.js';

/** One participant's timeline, reached from a member table or an alert. */
export function ParticipantView({ participantId }: { participantId: string }) {
  const name = useParticipantNames([participantId])(participantId);
  const [query] = useQueryState();
  const group = query.get('group');
  return (
    <>
      <p><Link to={group ? href('/therapist', null, { group }) : '/therapist'}>← Back to the group</Link></p>
      <h1>{name}</h1>
      <p><Link to={`/participants/${participantId}/record`} className="action-link">Enter a questionnaire, milestone or consent</Link></p>
      <TimelinePanel participantId={participantId} name={name} />
    </>
  );
}
