import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import { DATE_MAX, DATE_MIN, isoDate, scopeParams, scopeShape } from '../cohesion/scope.js';
import type { SessionAttendance } from '../cohesion/session-attendance.js';

/**
 * GET /programs/{programId}/attendance?from&to&groupId (docs/api-additions.md): the director's
 * attendance KPI over every session of the program in the window, with the definition of a
 * session's attendanceRate in GET /groups/{id}/cohesion (OUTCOMES.md "Group cohesion").
 */
export const programAttendanceParams = z.object({
  ...scopeShape,
  programId: z.string().min(1),
  groupId: z.string().min(1).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ProgramAttendanceParams = z.input<typeof programAttendanceParams>;

/** The program's sessions in the window, summed, with a session's counts and rate (cohesion's definition). */
export interface ProgramAttendance extends SessionAttendance {
  readonly programId: string;
  readonly sessions: number;
}

/**
 * Params: org, programId, allGroups, groupIds, groupId ('' = every group), from, to.
 * Sums `session_attendance` (libs/projector migration 011: per session, members enrolled on its
 * date and their attendance after corrections, kept by the projector), so a program's ~200,000
 * sessions at 10 M events are one range scan instead of a join of memberships × sessions ×
 * attendance (docs/benchmarks.md, dashboard endpoints). Key columns filter in PREWHERE so FINAL
 * merges only the program's rows.
 */
export const PROGRAM_ATTENDANCE_SQL = `
SELECT toUInt64(count()) AS sessions, toUInt64(sum(enrolled)) AS enrolled, toUInt64(sum(present)) AS present,
  toUInt64(sum(late)) AS late, toUInt64(sum(absent)) AS absent, toUInt64(sum(excused)) AS excused,
  toUInt64(sum(unrecorded)) AS unrecorded
FROM session_attendance FINAL
PREWHERE org = {org:String} AND program_id = {programId:String}
  AND ({groupId:String} = '' OR group_id = {groupId:String})
  AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})
WHERE session_date BETWEEN {from:Date} AND {to:Date}`;

type CountRow = Record<'sessions' | 'enrolled' | 'present' | 'late' | 'absent' | 'excused' | 'unrecorded', string | number>;

export async function runProgramAttendance(store: AnalyticsStore, input: ProgramAttendanceParams): Promise<ProgramAttendance> {
  const params = programAttendanceParams.parse(input);
  const [row] = await store.query<CountRow>(PROGRAM_ATTENDANCE_SQL, {
    ...scopeParams(params),
    programId: params.programId,
    groupId: params.groupId ?? '',
    from: params.from ?? DATE_MIN,
    to: params.to ?? DATE_MAX,
  });
  const n = (key: keyof CountRow) => Number(row?.[key] ?? 0);
  const enrolled = n('enrolled');
  return {
    programId: params.programId,
    sessions: n('sessions'),
    enrolled,
    present: n('present'),
    late: n('late'),
    absent: n('absent'),
    excused: n('excused'),
    unrecorded: n('unrecorded'),
    attendanceRate: enrolled === 0 ? null : (n('present') + n('late')) / enrolled,
  };
}
