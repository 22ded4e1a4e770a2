import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import { DATE_MAX, DATE_MIN, isoDate, scopeParams, scopeShape } from '../cohesion/scope.js';
import { daysBetween } from '../cohesion/stats.js';
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

/** One membership episode of the program as it stands (FINAL: a leave replaces its join). */
export interface EpisodeRow {
  readonly joinedOn: string;
  readonly leftOn: string | null;
  readonly reason: string | null;
}

/** Params: org, programId, allGroups, groupIds, groupId ('' = every group), from, to, cohort ('' = any), today. */
export const RETENTION_EPISODES_SQL = `
SELECT toString(joined_on) AS joinedOn, if(left_on IS NULL, NULL, toString(left_on)) AS leftOn, leave_reason AS reason
FROM memberships FINAL
WHERE org = {org:String} AND program_id = {programId:String}
  AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})
  AND ({groupId:String} = '' OR group_id = {groupId:String})
  AND joined_on BETWEEN {from:Date} AND {to:Date}
  AND joined_on <= {today:Date}
  AND ({cohort:String} = '' OR formatDateTime(joined_on, '%Y-%m') = {cohort:String})`;

/** API.md's retention response without `asOf`. */
export interface Retention {
  readonly points: KaplanMeierPoint[];
  /** First day the survival is ≤ 0.5; null when it never gets there. */
  readonly medianDays: number | null;
}

/**
 * Days from joining to dropping out (a leave with reason dropped_out) are events; a leave
 * for completion, transfer or another reason censors at the leave; a member still enrolled
 * (or whose leave is after today) censors at today. The unit is the membership episode: a
 * participant who moves groups contributes one censored episode (transferred) and one more.
 */
export function toObservation(episode: EpisodeRow, today: string): Observation {
  if (episode.leftOn !== null && episode.leftOn <= today) {
    return { time: daysBetween(episode.joinedOn, episode.leftOn), event: episode.reason === 'dropped_out' };
  }
  return { time: daysBetween(episode.joinedOn, today), event: false };
}

export async function runRetention(store: AnalyticsStore, input: RetentionParams): Promise<Retention> {
  const params = retentionParams.parse(input);
  const episodes = await store.query<EpisodeRow>(RETENTION_EPISODES_SQL, {
    ...scopeParams(params),
    programId: params.programId,
    groupId: params.groupId ?? '',
    from: params.from ?? DATE_MIN,
    to: params.to ?? DATE_MAX,
    cohort: params.cohort ?? '',
    today: params.today,
  });
  const points = kaplanMeier(episodes.map((e) => toObservation(e, params.today)), params.ciMethod);
  return { points, medianDays: medianSurvivalDay(points) };
}
