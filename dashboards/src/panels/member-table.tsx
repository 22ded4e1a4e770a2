import type { Alert, List, Participant, Timeline, TimelineMeasure } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { href } from '../routing/url.js';
import { day, decimal } from '../ui/format.js';
import { Link } from '../ui/link.js';
import { Empty, Loaded, Panel } from '../ui/states.js';

/** The latest valid, not voided score of each instrument, newest instrument first. */
export function latestScores(measures: readonly TimelineMeasure[]): TimelineMeasure[] {
  const latest = new Map<string, TimelineMeasure>();
  for (const m of measures) {
    if (m.voided || !m.score.valid || m.score.total === null) continue;
    const seen = latest.get(m.instrument);
    if (!seen || m.administeredOn >= seen.administeredOn) latest.set(m.instrument, m);
  }
  return [...latest.values()].sort((a, b) => b.administeredOn.localeCompare(a.administeredOn) || a.instrument.localeCompare(b.instrument));
}

/** Current members first (by name, as the api sorts them), then those who left. */
function activeFirst(items: Participant[], groupId: string): Participant[] {
  const left = (p: Participant) => (p.memberships.filter((m) => m.groupId === groupId).at(-1)?.leftOn ? 1 : 0);
  return [...items].sort((a, b) => left(a) - left(b));
}

/** Members of one group by name with their latest scores, bands and open alerts. */
export function MemberTable({ groupId }: { groupId: string }) {
  const members = useApi<List<Participant>>(`/participants?groupId=${groupId}`);
  const alerts = useApi<List<Alert>>('/alerts?status=open');
  return (
    <Panel title="Members" id="members">
      <Loaded state={members} what="members">
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No members in this group yet.</Empty>
          ) : (
            <table className="data" data-table="members">
              <thead><tr><th scope="col">Name</th><th scope="col">Joined</th><th scope="col">Latest scores</th><th scope="col">Open alerts</th></tr></thead>
              <tbody>
                {activeFirst(items, groupId).map((p) => (
                  <MemberRow key={p.participantId} participant={p} groupId={groupId} openAlerts={alerts.status === 'ready' ? alerts.data.items.filter((a) => a.participantId === p.participantId) : null} />
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </Panel>
  );
}

function MemberRow({ participant, groupId, openAlerts }: { participant: Participant; groupId: string; openAlerts: Alert[] | null }) {
  const timeline = useApi<Timeline>(`/participants/${participant.participantId}/timeline`);
  const membership = participant.memberships.filter((m) => m.groupId === groupId).at(-1);
  return (
    <tr data-participant={participant.participantId}>
      <th scope="row">
        <Link to={href(`/participants/${participant.participantId}`, null, { group: groupId })}>{participant.displayName ?? 'Unnamed participant'}</Link>
      </th>
      <td>
        {day(membership?.joinedOn)}
        {membership?.leftOn ? <span className="muted"> (left {day(membership.leftOn)})</span> : null}
      </td>
      <td data-cell="latest-scores">
        {timeline.status === 'ready' ? (
          latestScores(timeline.data.measures).length ? (
            <ul className="scores">
              {latestScores(timeline.data.measures).map((m) => (
                <li key={m.instrument} data-instrument={m.instrument}>
                  <span className="instrument">{m.instrument}</span> <strong data-score>{decimal(m.score.total, Number.isInteger(m.score.total) ? 0 : 1)}</strong>
                  {m.score.band ? <span className={`band${m.score.caseness ? ' band-case' : ''}`}> {m.score.band}</span> : null}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">no scores yet</span>
          )
        ) : timeline.status === 'error' ? (
          <span className="muted">unavailable ({timeline.error.status})</span>
        ) : (
          <span className="muted">loading…</span>
        )}
      </td>
      <td data-cell="open-alerts">
        {openAlerts === null ? <span className="muted">—</span> : openAlerts.length === 0 ? '0' : <Link to={href('/alerts', null, { participant: participant.participantId })}><span className="alert-count">{openAlerts.length}</span> open</Link>}
      </td>
    </tr>
  );
}
