import { z } from 'zod';
import type { AnalyticsStore } from '#libs/analytics-store';
import { getInstrument, isInstrumentId } from '#libs/instruments';
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

/**
 * Params: org, programId, instrument, bucket, useMetric, from, to, allGroups, groupIds.
 * Mean of valid, non-voided scores (latest instrument version) per bucket of administeredOn:
 * the metric score where the instrument has one (SWEMWBS), else the total; measures without
 * that value (GCQ-S has no total) do not count. A therapist (groupIds) sees the measures of
 * participants who are or were members of their groups.
 */
export const TREND_SCORES_SQL = `
SELECT toString(if({bucket:String} = 'week', toMonday(m.administered_on), toStartOfMonth(m.administered_on))) AS bucket,
       avg(if({useMetric:UInt8} = 1, sc.metric, sc.total)) AS mean, toUInt32(count()) AS n
FROM (
  SELECT org, measure_id, administered_on FROM measures FINAL
  WHERE org = {org:String} AND program_id = {programId:String} AND instrument = {instrument:String}
    AND administered_on BETWEEN {from:Date} AND {to:Date}
    AND ({allGroups:UInt8} = 1 OR participant_id IN (
      SELECT participant_id FROM memberships FINAL WHERE org = {org:String} AND group_id IN {groupIds:Array(String)}))
) AS m
LEFT ANTI JOIN (SELECT org, measure_id FROM measure_voids FINAL WHERE org = {org:String}) AS v USING (org, measure_id)
INNER JOIN (
  SELECT org, measure_id, argMax(total, instrument_version) AS total, argMax(metric, instrument_version) AS metric,
         argMax(valid, instrument_version) AS valid
  FROM measure_scores FINAL
  WHERE org = {org:String} AND program_id = {programId:String} AND instrument = {instrument:String}
  GROUP BY org, measure_id
) AS sc USING (org, measure_id)
WHERE sc.valid = 1 AND if({useMetric:UInt8} = 1, sc.metric, sc.total) IS NOT NULL
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
  const definition = getInstrument(params.instrument)!;
  const sql = {
    ...scopeParams(params),
    programId: params.programId,
    instrument: params.instrument,
    bucket: params.bucket,
    useMetric: definition.scoring.kind === 'sum-then-metric' ? 1 : 0,
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
