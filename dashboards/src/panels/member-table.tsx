import type { Alert, GroupMembers, List } from '../api/types.js';
import { useApi } from '../api/useApi.js';
import { href } from '../routing/url.js';
import { day, decimal } from '../ui/format.js';
import { Link } from '../ui/link.js';
import { Empty, Loaded, Panel } from '../ui/states.js';

/** Current members first, then those who left; within each, by name. */
function currentFirst(members: GroupMembers['members']): GroupMembers['members'] {
  return [...members].sort((a, b) => Number(a.leftOn !== null) - Number(b.leftOn !== null) || (a.displayName ?? '').localeCompare(b.displayName ?? ''));
}

export function scoreText(total: number): string {
  return decimal(total, Number.isInteger(total) ? 0 : 1);
}

/**
 * Members of one group by name, with dose, missed sessions in a row, latest scores and bands
 * (GET /groups/{id}/members, rows shaped for this table) and open alerts (GET /alerts).
 */
export function MemberTable({ groupId }: { groupId: string }) {
  const members = useApi<GroupMembers>(`/groups/${groupId}/members`);
  // Only this group's members' open alerts (an organization can have tens of thousands).
  const ids = members.status === 'ready' && members.data.members.length > 0 ? members.data.members.map((m) => encodeURIComponent(m.participantId)).join(',') : null;
  const alerts = useApi<List<Alert>>(ids ? `/alerts?status=open&participantId=${ids}` : null);
  const openFor = (participantId: string) => (alerts.status === 'ready' ? alerts.data.items.filter((a) => a.participantId === participantId).length : null);
  return (
    <Panel title="Members" id="members">
      <Loaded state={members} what="members">
        {(table) =>
          table.members.length === 0 ? (
            <Empty>No members in this group yet.</Empty>
          ) : (
            <>
              <p className="muted" data-value="median-tenure">
                Median time in the group: {table.medianTenureDays === null ? 'not enough leavers yet' : `${table.medianTenureDays} days`}
              </p>
              <table className="data" data-table="members">
                <thead><tr><th scope="col">Name</th><th scope="col">Joined</th><th scope="col">Sessions attended</th><th scope="col">Missed in a row</th><th scope="col">Latest scores</th><th scope="col">Open alerts</th></tr></thead>
                <tbody>
                  {currentFirst(table.members).map((m) => {
                    const open = openFor(m.participantId);
                    return (
                      <tr key={`${m.participantId}/${m.joinedOn}`} data-participant={m.participantId}>
                        <th scope="row">
                          <Link to={href(`/participants/${m.participantId}`, null, { group: groupId })}>{m.displayName ?? 'Unnamed participant'}</Link>
                        </th>
                        <td>{day(m.joinedOn)}{m.leftOn ? <span className="muted"> (left {day(m.leftOn)})</span> : null}</td>
                        <td data-cell="dose">{m.dose}</td>
                        <td data-cell="missed" className={m.consecutiveMissed >= 2 ? 'warn' : undefined}>{m.consecutiveMissed}</td>
                        <td data-cell="latest-scores">
                          {m.latest.filter((s) => s.total !== null).length ? (
                            <ul className="scores">
                              {m.latest.filter((s) => s.total !== null).map((s) => (
                                <li key={s.instrument} data-instrument={s.instrument}>
                                  <span className="instrument">{s.instrument}</span> <strong data-score>{scoreText(s.total!)}</strong>
                                  {s.band ? <span className={`band${s.caseness ? ' band-case' : ''}`}> {s.band}</span> : null}
                                </li>
                              ))}
                            </ul>
                          ) : (
                            <span className="muted">no scores yet</span>
                          )}
                        </td>
                        <td data-cell="open-alerts">
                          {open === null ? <span className="muted">—</span> : open === 0 ? '0' : <Link to={href('/alerts', null, { participant: m.participantId })}><span className="alert-count">{open}</span> open</Link>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </>
          )
        }
      </Loaded>
    </Panel>
  );
}
