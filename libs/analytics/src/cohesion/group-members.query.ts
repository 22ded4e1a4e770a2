import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import { attendanceIndex, GROUP_ATTENDANCE_SQL, GROUP_MEMBERSHIPS_SQL, GROUP_SESSIONS_SQL, type AttendanceRow, type MembershipRow, type SessionRow } from './group-rows.js';
import { joinsByMonth, medianTenureDays, memberAttendance, type MonthMovement } from './member-summary.js';
import { isoDate, scopeParams, scopeShape } from './scope.js';

/** The group's member table and stability summary (OUTCOMES.md "Group cohesion"). */
export const groupMembersParams = z.object({
  ...scopeShape,
  groupId: z.string().min(1),
  /** The program's today: ongoing tenure runs to it; sessions after it are not yet missed. */
  today: isoDate,
});
export type GroupMembersParams = z.input<typeof groupMembersParams>;

export interface LatestMeasureRow {
  readonly participantId: string;
  readonly instrument: string;
  readonly administeredOn: string;
  readonly total: number | null;
  readonly metric: number | null;
  readonly band: string | null;
  readonly caseness: number | null;
}

/**
 * Params: org, groupId, allGroups, groupIds. Per member of the group and instrument, the
 * latest valid, non-voided measure (any group of the program: the member's latest state),
 * scored by its latest instrument version: `measures_current` (libs/projector migration 009),
 * ordered by participant, so twenty members read a few small granules, not most of the
 * organization's measures (docs/benchmarks.md, 10 M events).
 * PREWHERE, not WHERE, under FINAL: the conditions are on sorting-key columns only (every
 * version of a row shares them, so filtering before the merge keeps FINAL's answer), and
 * chDB then merges only the group's members' rows instead of the whole organization's
 * (CPU per query 346 → 106 ms on 1 M events, docs/benchmarks.md). ClickHouse leaves WHERE
 * after FINAL unless optimize_move_to_prewhere_if_final is set
 * (https://clickhouse.com/docs/reference/settings/session-settings/optimize-move-to-prewhere).
 */
export const LATEST_MEASURES_SQL = `
WITH members AS (
  SELECT DISTINCT participant_id FROM memberships FINAL
  WHERE org = {org:String} AND group_id = {groupId:String}
    AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})
)
SELECT participant_id AS participantId, toString(instrument) AS instrument,
       toString(administered_on) AS administeredOn, total, metric, band, caseness
FROM measures_current FINAL
PREWHERE org = {org:String} AND participant_id IN members
WHERE valid = 1 AND voided = 0
ORDER BY participantId, instrument, administered_on DESC, recorded_at DESC, measure_id DESC
LIMIT 1 BY participantId, instrument`;

export interface LatestScore {
  readonly instrument: string;
  readonly administeredOn: string;
  readonly total: number | null;
  readonly metric?: number;
  readonly band?: string;
  readonly caseness?: boolean;
}

export interface GroupMember {
  readonly participantId: string;
  readonly joinedOn: string;
  readonly leftOn: string | null;
  readonly reason: string | null;
  readonly dose: number;
  readonly consecutiveMissed: number;
  readonly latest: LatestScore[];
}

/** One entry per membership episode (a member who left and rejoined appears twice), by joinedOn. */
export interface GroupMembers {
  readonly groupId: string;
  readonly members: GroupMember[];
  readonly joinsByMonth: MonthMovement[];
  readonly medianTenureDays: number | null;
}

export async function runGroupMembers(store: AnalyticsStore, input: GroupMembersParams): Promise<GroupMembers> {
  const params = groupMembersParams.parse(input);
  const sql = { ...scopeParams(params), groupId: params.groupId };
  const [sessions, memberships, attendance, latest] = await Promise.all([
    store.query<SessionRow>(GROUP_SESSIONS_SQL, sql),
    store.query<MembershipRow>(GROUP_MEMBERSHIPS_SQL, sql),
    store.query<AttendanceRow>(GROUP_ATTENDANCE_SQL, sql),
    store.query<LatestMeasureRow>(LATEST_MEASURES_SQL, sql),
  ]);
  const statusOf = attendanceIndex(attendance);
  const latestOf = new Map<string, LatestScore[]>();
  for (const row of latest) latestOf.set(row.participantId, [...(latestOf.get(row.participantId) ?? []), latestScore(row)]);
  return {
    groupId: params.groupId,
    members: memberships.map((m) => ({
      participantId: m.participantId,
      joinedOn: m.joinedOn,
      leftOn: m.leftOn,
      reason: m.reason,
      ...memberAttendance(m, sessions, statusOf, params.today),
      latest: latestOf.get(m.participantId) ?? [],
    })),
    joinsByMonth: joinsByMonth(memberships),
    medianTenureDays: medianTenureDays(memberships, params.today),
  };
}

function latestScore(row: LatestMeasureRow): LatestScore {
  return {
    instrument: row.instrument,
    administeredOn: row.administeredOn,
    total: row.total,
    ...(row.metric !== null ? { metric: row.metric } : {}),
    ...(row.band !== null ? { band: row.band } : {}),
    ...(row.caseness !== null ? { caseness: row.caseness === 1 } : {}),
  };
}
