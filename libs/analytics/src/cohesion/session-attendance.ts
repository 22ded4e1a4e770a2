import { enrolledOn, type AttendanceRow, type MembershipRow, type SessionRow } from './group-rows.js';

export interface SessionAttendance {
  readonly enrolled: number;
  readonly present: number;
  readonly late: number;
  readonly absent: number;
  readonly excused: number;
  readonly unrecorded: number;
  /** (present + late) / enrolled; null when nobody was enrolled on the date. */
  readonly attendanceRate: number | null;
}

/**
 * Attendance of one session over the members enrolled on its date (OUTCOMES.md "Group
 * cohesion"): excused and absent count as not attending; an enrolled member without a record
 * is `unrecorded`. A record of someone not enrolled on that date (e.g. a leave back-dated
 * after the register was taken) is left out, so the five counts always add up to `enrolled`
 * and the rate never exceeds 1.
 */
export function sessionAttendance(
  session: SessionRow,
  memberships: readonly MembershipRow[],
  statusOf: ReadonlyMap<string, AttendanceRow['status']>,
): SessionAttendance {
  const enrolled = new Set(memberships.filter((m) => enrolledOn(m, session.date)).map((m) => m.participantId));
  const counts = { present: 0, late: 0, absent: 0, excused: 0, unrecorded: 0 };
  for (const participantId of enrolled) {
    const status = statusOf.get(`${session.sessionId}|${participantId}`);
    counts[status ?? 'unrecorded'] += 1;
  }
  const attendanceRate = enrolled.size === 0 ? null : (counts.present + counts.late) / enrolled.size;
  return { enrolled: enrolled.size, ...counts, attendanceRate };
}

/** Attended = present or late. */
export function attended(status: AttendanceRow['status'] | undefined): boolean {
  return status === 'present' || status === 'late';
}
