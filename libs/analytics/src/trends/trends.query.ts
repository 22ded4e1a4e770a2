import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import { isInstrumentId } from '#libs/instruments';
import { DATE_MAX, DATE_MIN, isoDate, scopeParams, scopeShape } from '../cohesion/scope.js';
import { fillBuckets, type BucketValues } from './buckets.js';

/** GET /programs/{programId}/trends?instrument&bucket=week|month (API.md), plus an optional date window. */
export const trendsParams = z.object({
  ...scopeShape,
  programId: z.string().min(1),
  instrument: z.string().refine(isInstrumentId, 'unknown instrument'),
  bucket: z.enum(['week', 'month']),
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type TrendsParams = z.input<typeof trendsParams>;

export interface TrendScoreRow {
  readonly bucket: string;
  readonly mean: number;
  readonly n: number;
}
export interface TrendMilestoneRow {
  readonly bucket: string;
  readonly milestones: number;
}

/** Decimals of a bucket's mean (see TREND_SCORES_SQL). */
export const MEAN_DECIMALS = 6;

/**
 * Params: org, programId, instrument, bucket, from, to, allGroups, groupIds.
 * Mean of valid, non-voided scores (latest instrument version) per bucket of administeredOn:
 * the metric score where the instrument has one (SWEMWBS), else the total; measures without
 * that value (GCQ-S has no total) do not count. A therapist (groupIds) sees the measures of
 * participants who are or were members of their groups.
 *
 * Reads `participant_scores` (libs/projector migration 008), which the projector keeps per
 * participant and instrument by exactly those rules: one row per participant instead of a
 * FINAL merge and two joins over every measure of the program (10 M events: 1.5 s of CPU a
 * request before, docs/benchmarks.md).
 *
 * The mean is rounded to MEAN_DECIMALS in SQL: `avg` adds the parts' partial sums in whatever
 * order the threads finish, so the same data gave 35.14 or 35.13999999999999 from one request
 * to the next.
 */
export const TREND_SCORES_SQL = `
SELECT toString(if({bucket:String} = 'week', toMonday(day), toStartOfMonth(day))) AS bucket,
       round(avg(score), ${MEAN_DECIMALS}) AS mean, toUInt32(count()) AS n
FROM (
  SELECT days, scores FROM participant_scores FINAL
  PREWHERE org = {org:String} AND program_id = {programId:String} AND instrument = {instrument:String}
    AND ({allGroups:UInt8} = 1 OR participant_id IN (
      SELECT participant_id FROM memberships FINAL WHERE org = {org:String} AND group_id IN {groupIds:Array(String)}))
)
ARRAY JOIN days AS day, scores AS score
WHERE day BETWEEN {from:Date} AND {to:Date}
GROUP BY bucket
ORDER BY bucket`;

/** Params: org, programId, bucket, from, to, allGroups, groupIds. Milestones achieved per bucket (any type). */
export const TREND_MILESTONES_SQL = `
SELECT toString(if({bucket:String} = 'week', toMonday(achieved_on), toStartOfMonth(achieved_on))) AS bucket,
       toUInt32(count()) AS milestones
FROM milestones FINAL
WHERE org = {org:String} AND program_id = {programId:String}
  AND achieved_on BETWEEN {from:Date} AND {to:Date}
  AND ({allGroups:UInt8} = 1 OR participant_id IN (
    SELECT participant_id FROM memberships FINAL WHERE org = {org:String} AND group_id IN {groupIds:Array(String)}))
GROUP BY bucket
ORDER BY bucket`;

/** API.md's trends response without `asOf`: every bucket from the first to the last with data. */
export interface Trends {
  readonly items: ({ bucket: string } & BucketValues)[];
}

export async function runTrends(store: AnalyticsStore, input: TrendsParams): Promise<Trends> {
  const params = trendsParams.parse(input);
  const sql = {
    ...scopeParams(params),
    programId: params.programId,
    instrument: params.instrument,
    bucket: params.bucket,
    from: params.from ?? DATE_MIN,
    to: params.to ?? DATE_MAX,
  };
  const [scores, milestones] = await Promise.all([
    store.query<TrendScoreRow>(TREND_SCORES_SQL, sql),
    store.query<TrendMilestoneRow>(TREND_MILESTONES_SQL, sql),
  ]);
  const values = new Map<string, BucketValues>();
  for (const row of scores) values.set(row.bucket, { mean: row.mean, n: row.n, milestones: 0 });
  for (const row of milestones) values.set(row.bucket, { ...(values.get(row.bucket) ?? { mean: null, n: 0 }), milestones: row.milestones });
  return { items: fillBuckets(values, params.bucket) };
}
