import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import {
  attendanceIndex,
  GROUP_ATTENDANCE_SQL,
  GROUP_MEMBERSHIPS_SQL,
  GROUP_SESSIONS_SQL,
  type AttendanceRow,
  type MembershipRow,
  type SessionRow,
} from './group-rows.js';
import { DATE_MAX, DATE_MIN, isoDate, scopeParams, scopeShape } from './scope.js';
import { sessionAttendance, type SessionAttendance } from './session-attendance.js';
import { DEFAULT_FLAG_SETTINGS, sessionFlags, type FlagSettings, type SessionFlag } from './session-flags.js';
import { summarize, type Summary } from './stats.js';

/** GET /groups/{groupId}/cohesion?from&to (API.md), plus configurable flag thresholds. */
export const groupCohesionParams = z.object({
  ...scopeShape,
  groupId: z.string().min(1),
  from: isoDate.optional(),
  to: isoDate.optional(),
  flags: z
    .object({
      disagreementSd: z.number().nonnegative().optional(),
      outlierPointsBelowMean: z.number().nonnegative().optional(),
      allianceDropPoints: z.number().nonnegative().optional(),
      lowAttendanceRate: z.number().min(0).max(1).nullable().optional(),
    })
    .optional(),
});
export type GroupCohesionParams = z.input<typeof groupCohesionParams>;

/** One valid, non-voided GSRS or GCQ-S linked to a session of the group (current score version). */
export interface SessionMeasureRow {
  readonly sessionId: string;
  readonly participantId: string;
  readonly instrument: 'GSRS' | 'GCQ-S';
  readonly total: number | null;
  readonly engagement: number | null;
  readonly avoidance: number | null;
  readonly conflict: number | null;
}

/**
 * Params: org, groupId, allGroups, groupIds. Measures linked to a session of the group
 * (measures.session_id), not voided, scored by their latest instrument version (a rescoring
 * adds a score fact: the highest version is the current score), valid only. Every session of
 * the group, not only the window, so a member's previous GSRS is known for the first session
 * of the window. Oldest first: the last one per member wins.
 * Only the group's members' measures are read (the api accepts a session's measure only from
 * a member enrolled on its date), from `measures_current` (libs/projector migration 009:
 * current score and voided flag per measure, ordered by participant), filtered in PREWHERE on
 * sorting-key columns so FINAL merges those rows and not the organization's
 * (docs/benchmarks.md, 10 M events).
 */
export const SESSION_MEASURES_SQL = `
WITH group_sessions AS (
  SELECT session_id FROM sessions FINAL
  WHERE org = {org:String} AND group_id = {groupId:String}
    AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})
),
group_members AS (
  SELECT DISTINCT participant_id FROM memberships FINAL
  PREWHERE org = {org:String} AND group_id = {groupId:String}
)
SELECT session_id AS sessionId, participant_id AS participantId, toString(instrument) AS instrument,
       total, subscales['engagement'] AS engagement, subscales['avoidance'] AS avoidance, subscales['conflict'] AS conflict
FROM measures_current FINAL
PREWHERE org = {org:String} AND participant_id IN group_members
WHERE instrument IN ('GSRS', 'GCQ-S') AND session_id IN group_sessions AND valid = 1 AND voided = 0
ORDER BY administered_on, recorded_at, measure_id`;

export interface CohesionSession extends SessionAttendance {
  readonly sessionId: string;
  readonly date: string;
  readonly gsrs: Summary;
  readonly gcqs: { readonly engagement: Summary; readonly avoidance: Summary; readonly conflict: Summary };
  readonly flags: SessionFlag[];
}

/** API.md's cohesion response without `asOf` (the HTTP layer adds it). */
export interface GroupCohesion {
  readonly groupId: string;
  readonly sessions: CohesionSession[];
}

export async function runGroupCohesion(store: AnalyticsStore, input: GroupCohesionParams): Promise<GroupCohesion> {
  const params = groupCohesionParams.parse(input);
  const sql = { ...scopeParams(params), groupId: params.groupId };
  const [sessions, memberships, attendance, measures] = await Promise.all([
    store.query<SessionRow>(GROUP_SESSIONS_SQL, sql),
    store.query<MembershipRow>(GROUP_MEMBERSHIPS_SQL, sql),
    store.query<AttendanceRow>(GROUP_ATTENDANCE_SQL, sql),
    store.query<SessionMeasureRow>(SESSION_MEASURES_SQL, sql),
  ]);
  const settings: FlagSettings = { ...DEFAULT_FLAG_SETTINGS, ...stripUndefined(params.flags ?? {}) };
  return { groupId: params.groupId, sessions: cohesionSessions(sessions, memberships, attendance, measures, settings, params.from ?? DATE_MIN, params.to ?? DATE_MAX) };
}

/** Pure: the per-session rows of the window [from, to] from the group's rows. */
export function cohesionSessions(
  sessions: readonly SessionRow[],
  memberships: readonly MembershipRow[],
  attendance: readonly AttendanceRow[],
  measures: readonly SessionMeasureRow[],
  settings: FlagSettings,
  from: string,
  to: string,
): CohesionSession[] {
  const statusOf = attendanceIndex(attendance);
  const bySession = new Map<string, { gsrs: Map<string, number>; gcqs: Map<string, SessionMeasureRow> }>();
  for (const row of measures) {
    const entry = bySession.get(row.sessionId) ?? { gsrs: new Map(), gcqs: new Map() };
    bySession.set(row.sessionId, entry);
    // One answer per member and session: the latest recorded replaces an earlier one.
    if (row.instrument === 'GSRS' && row.total !== null) entry.gsrs.set(row.participantId, row.total);
    if (row.instrument === 'GCQ-S') entry.gcqs.set(row.participantId, row);
  }
  const previousGsrs = new Map<string, number>();
  const result: CohesionSession[] = [];
  for (const session of sessions) {
    const entry = bySession.get(session.sessionId) ?? { gsrs: new Map<string, number>(), gcqs: new Map<string, SessionMeasureRow>() };
    const members = [...entry.gsrs].map(([participantId, total]) => ({ participantId, total, previous: previousGsrs.get(participantId) ?? null }));
    for (const m of members) previousGsrs.set(m.participantId, m.total);
    if (session.date < from || session.date > to) continue;
    const counts = sessionAttendance(session, memberships, statusOf);
    const gsrs = summarize(members.map((m) => m.total));
    const gcqs = [...entry.gcqs.values()];
    const subscale = (key: 'engagement' | 'avoidance' | 'conflict') =>
      summarize(gcqs.map((row) => row[key]).filter((v): v is number => v !== null));
    result.push({
      sessionId: session.sessionId,
      date: session.date,
      ...counts,
      gsrs,
      gcqs: { engagement: subscale('engagement'), avoidance: subscale('avoidance'), conflict: subscale('conflict') },
      flags: sessionFlags(gsrs, members, counts.attendanceRate, settings),
    });
  }
  return result;
}

function stripUndefined<T extends object>(value: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<{ [K in keyof T]: Exclude<T[K], undefined> }>;
}
