import { useEffect, useState } from 'react';
import { useGroups } from '../api/lookups.js';
import { invalidate } from '../api/useApi.js';
import { loadSession } from '../auth/session.js';
import { href, useQueryState } from '../routing/url.js';
import { Link } from '../ui/link.js';
import { Empty, Loaded, Panel } from '../ui/states.js';
import { AttendancePanel } from './attendance-panel.js';
import { CloseGroup } from './close-group.js';
import { FacilitatorNames } from './facilitator-names.js';
import { KioskCodes } from './kiosk-codes.js';
import { MembersPanel } from './members-panel.js';
import { type SessionRef, SessionsPanel } from './sessions-panel.js';

const ALERT_REFRESH_MS = 10_000;

/**
 * Running a group session from the screens: pick or create the session, take attendance,
 * open the kiosk for self-report, manage members, close the group. Every write goes through
 * the outbox; reads after a write wait for the api's projection (`minPosition`).
 */
export function GroupRecordView() {
  const [query, setQuery] = useQueryState();
  const groups = useGroups();
  const [session, setSession] = useState<SessionRef | null>(null);
  const [position, setPosition] = useState<string | null>(null);
  const groupId = query.get('group');
  const role = loadSession()?.role;
  const manager = role === 'director' || role === 'admin';
  // Members fill in the kiosk while this screen is open: a critical item they report must reach
  // the banner without a reload, so the open alerts are asked for again every few seconds.
  useEffect(() => {
    const timer = setInterval(() => invalidate('/alerts'), ALERT_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return (
    <>
      <h1>Record a session</h1>
      <Loaded state={groups} what="groups">
        {({ items }) => {
          if (items.length === 0) return <Empty>You facilitate no groups yet.</Empty>;
          const group = items.find((g) => g.groupId === groupId);
          return (
            <>
              <div className="filters">
                <div className="field">
                  <label htmlFor="record-group">Group</label>
                  <select id="record-group" value={group?.groupId ?? ''} onChange={(e) => { setSession(null); setQuery({ group: e.target.value }); }}>
                    <option value="">Choose a group…</option>
                    {items.map((g) => <option key={g.groupId} value={g.groupId}>{g.name}{g.closedOn ? ' (closed)' : ''}</option>)}
                  </select>
                </div>
                {group ? <Link to={href('/therapist', null, { group: group.groupId })}>Group overview</Link> : null}
              </div>
              {group ? (
                <div className="sidebar-layout">
                  <div>
                    <SessionsPanel groupId={group.groupId} selected={session?.sessionId ?? null} onSelect={setSession} position={position} onSaved={setPosition} closed={group.closedOn !== null} />
                    {/* Closing a group is a manager's decision (API.md; PRIVACY.md "Access"). */}
                    {manager ? <CloseGroup groupId={group.groupId} name={group.name} closedOn={group.closedOn} onSaved={setPosition} /> : null}
                    {/* Naming staff is a manager's task too (PUT /staff/{userId}). */}
                    {manager ? <FacilitatorNames facilitatorIds={group.facilitatorIds} /> : null}
                  </div>
                  <div>
                    {session ? (
                      <>
                        <AttendancePanel groupId={group.groupId} session={session} position={position} onSaved={setPosition} />
                        <KioskCodes groupId={group.groupId} session={session} />
                      </>
                    ) : (
                      <Panel title="Attendance" id="attendance"><Empty>Choose a session or create one.</Empty></Panel>
                    )}
                    <MembersPanel groupId={group.groupId} programId={group.programId} position={position} onSaved={setPosition} closed={group.closedOn !== null} />
                  </div>
                </div>
              ) : null}
            </>
          );
        }}
      </Loaded>
    </>
  );
}
