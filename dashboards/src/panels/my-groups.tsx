import { facilitatorNames, useGroups } from '../api/lookups.js';
import { href, useQueryState } from '../routing/url.js';
import { day } from '../ui/format.js';
import { Link } from '../ui/link.js';
import { Empty, Loaded, Panel } from '../ui/states.js';

/** The groups in the caller's scope (a therapist: the groups they facilitate; GET /groups). */
export function MyGroups() {
  const [query] = useQueryState();
  const selected = query.get('group');
  return (
    <Panel title="My groups" id="my-groups">
      <Loaded state={useGroups()} what="groups">
        {({ items }) =>
          items.length === 0 ? (
            <Empty>You facilitate no groups yet. A director adds you to a group's facilitators.</Empty>
          ) : (
            <ul className="group-list">
              {items.map((g) => (
                <li key={g.groupId}>
                  <Link to={href('/therapist', null, { group: g.groupId })} current={g.groupId === selected} className="group-card">
                    <span className="group-name">{g.name}</span>
                    <span className="muted">
                      {g.activeMembers ?? 'a few'} active member{g.activeMembers === 1 ? '' : 's'} · {g.sessions} session{g.sessions === 1 ? '' : 's'} · {g.closedOn ? `closed ${day(g.closedOn)}` : `since ${day(g.startsOn)}`}
                    </span>
                    <span className="muted" data-value="facilitators">with {facilitatorNames(g)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          )
        }
      </Loaded>
    </Panel>
  );
}
