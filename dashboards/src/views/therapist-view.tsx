import { useGroups } from '../api/lookups.js';
import { CohesionPanel } from '../panels/cohesion.js';
import { FiltersBar } from '../panels/filters-bar.js';
import { MemberTable } from '../panels/member-table.js';
import { MyGroups } from '../panels/my-groups.js';
import { href, useQueryState } from '../routing/url.js';
import { Link } from '../ui/link.js';

/** Therapist: my groups; for the chosen group its cohesion over sessions and its members. */
export function TherapistView() {
  const [query] = useQueryState();
  const groups = useGroups().data?.items ?? [];
  const groupId = query.get('group') ?? groups[0]?.groupId ?? null;
  const group = groups.find((g) => g.groupId === groupId);
  return (
    <>
      <h1>{group ? group.name : 'My groups'}</h1>
      <div className="sidebar-layout">
        <MyGroups />
        <div>
          {groupId ? (
            <>
              <p><Link to={href('/record', null, { group: groupId })} className="action-link">Record a session of this group</Link></p>
              <FiltersBar show={['dates']} />
              <CohesionPanel groupId={groupId} />
              <MemberTable groupId={groupId} />
            </>
          ) : null}
        </div>
      </div>
    </>
  );
}
