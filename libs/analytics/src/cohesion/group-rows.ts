/**
 * Rows of one group that both the cohesion and the member queries read: its sessions, its
 * membership episodes and its attendance. Every statement is scoped by `org` and, for a
 * therapist, by `groupIds` (a group outside them returns no rows). Dates come back as
 * `YYYY-MM-DD` strings so the enrolment rule compares them as text.
 */

export interface SessionRow {
  readonly sessionId: string;
  readonly date: string;
}

export interface MembershipRow {
  readonly participantId: string;
  readonly joinedOn: string;
  readonly leftOn: string | null;
  readonly reason: string | null;
}

export interface AttendanceRow {
  readonly sessionId: string;
  readonly participantId: string;
  readonly status: 'present' | 'late' | 'absent' | 'excused';
}

/** Params: org, groupId, allGroups, groupIds. Every session of the group, oldest first. */
export const GROUP_SESSIONS_SQL = `
SELECT session_id AS sessionId, toString(session_date) AS date
FROM sessions FINAL
WHERE org = {org:String} AND group_id = {groupId:String}
  AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})
ORDER BY session_date, session_id`;

/** Params: org, groupId, allGroups, groupIds. Every membership episode (FINAL: a leave replaces its join). */
export const GROUP_MEMBERSHIPS_SQL = `
SELECT participant_id AS participantId, toString(joined_on) AS joinedOn,
       if(left_on IS NULL, NULL, toString(left_on)) AS leftOn, leave_reason AS reason
FROM memberships FINAL
WHERE org = {org:String} AND group_id = {groupId:String}
  AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})
ORDER BY joined_on, participant_id`;

/** Params: org, groupId, allGroups, groupIds. Attendance as it stands after corrections (FINAL). */
export const GROUP_ATTENDANCE_SQL = `
SELECT session_id AS sessionId, participant_id AS participantId, toString(status) AS status
FROM attendance FINAL
WHERE org = {org:String} AND group_id = {groupId:String}
  AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})`;

/** Enrolled on day d: joinedOn ≤ d and (no leftOn or d < leftOn) (OUTCOMES.md "Group cohesion"). */
export function enrolledOn(member: MembershipRow, day: string): boolean {
  return member.joinedOn <= day && (member.leftOn === null || day < member.leftOn);
}

/** `sessionId|participantId` → status: the lookup both modules use. */
export function attendanceIndex(rows: readonly AttendanceRow[]): Map<string, AttendanceRow['status']> {
  return new Map(rows.map((row) => [`${row.sessionId}|${row.participantId}`, row.status]));
}
