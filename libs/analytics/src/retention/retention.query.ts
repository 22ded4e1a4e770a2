import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import { DATE_MAX, DATE_MIN, isoDate, scopeParams, scopeShape } from '../cohesion/scope.js';
import { kaplanMeier, medianSurvivalDay, type KaplanMeierPoint, type Observation } from './kaplan-meier.js';

/**
 * GET /programs/{programId}/retention?groupId&from&to (API.md), plus `cohort` (joining month,
 * OUTCOMES.md "Retention": curves per program, per group and per joining cohort), `today` (the
 * program's today: members still enrolled are censored there) and the CI method.
 * `from`/`to` select episodes by their joining date.
 */
export const retentionParams = z.object({
  ...scopeShape,
  programId: z.string().min(1),
  groupId: z.string().min(1).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  cohort: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM').optional(),
  today: isoDate,
  ciMethod: z.enum(['log-log', 'plain']).default('log-log'),
});
export type RetentionParams = z.input<typeof retentionParams>;

/** Episodes of the program that share a follow-up time and outcome, counted. */
export interface ObservationRow {
  readonly time: number;
  /** 1 = dropped out at `time`; 0 = censored there. */
  readonly event: number;
  readonly n: number;
}

/**
 * Params: org, programId, allGroups, groupIds, groupId ('' = every group), from, to, cohort ('' = any), today.
 * One row per (time, event) with the number of episodes (FINAL: a leave replaces its join):
 * days from joining to dropping out (a leave with reason dropped_out) are events; a leave for
 * completion, transfer or another reason censors at the leave; a member still enrolled (or
 * whose leave is after today) censors at today. The unit is the membership episode: a
 * participant who moves groups contributes one censored episode (transferred) and one more.
 * Counted in SQL because a program's episodes are many (≈ 200 000 at 10 M events) and their
 * distinct follow-up times few (docs/benchmarks.md).
 */
export const RETENTION_OBSERVATIONS_SQL = `
SELECT toUInt32(dateDiff('day', joined_on, if(ended, assumeNotNull(left_on), {today:Date}))) AS time,
  toUInt8(ended AND ifNull(leave_reason, '') = 'dropped_out') AS event,
  toUInt32(count()) AS n
FROM (
  SELECT joined_on, left_on, leave_reason, left_on IS NOT NULL AND left_on <= {today:Date} AS ended
  FROM memberships FINAL
  WHERE org = {org:String} AND program_id = {programId:String}
    AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})
    AND ({groupId:String} = '' OR group_id = {groupId:String})
    AND joined_on BETWEEN {from:Date} AND {to:Date}
    AND joined_on <= {today:Date}
    AND ({cohort:String} = '' OR formatDateTime(joined_on, '%Y-%m') = {cohort:String})
)
GROUP BY time, event
ORDER BY time, event`;

/** API.md's retention response without `asOf`. */
export interface Retention {
  readonly points: KaplanMeierPoint[];
  /** First day the survival is ≤ 0.5; null when it never gets there. */
  readonly medianDays: number | null;
}

export async function runRetention(store: AnalyticsStore, input: RetentionParams): Promise<Retention> {
  const params = retentionParams.parse(input);
  const rows = await store.query<ObservationRow>(RETENTION_OBSERVATIONS_SQL, {
    ...scopeParams(params),
    programId: params.programId,
    groupId: params.groupId ?? '',
    from: params.from ?? DATE_MIN,
    to: params.to ?? DATE_MAX,
    cohort: params.cohort ?? '',
    today: params.today,
  });
  const observations: Observation[] = rows.map((r) => ({ time: Number(r.time), event: Number(r.event) === 1, count: Number(r.n) }));
  const points = kaplanMeier(observations, params.ciMethod);
  return { points, medianDays: medianSurvivalDay(points) };
}
