import { THEIR_SCORES_CTE } from './scored-measures.sql.js';

/**
 * Recomputes `participant_scores` (migrations/008) for some participants of one organization
 * from measures_current: per participant and instrument, the days and scores of their valid,
 * non-voided measures under the current instrument version (metric score for SWEMWBS), ordered
 * by (administered_on, recorded_at, measure_id) — what trends average per week or month
 * (OUTCOMES.md). One row per instrument the participant has any
 * measure of, so a participant whose last counted measure was voided gets empty arrays.
 * Params: those of scored-measures.sql.ts, and version.
 */
export const REFRESH_PARTICIPANT_SCORES_SQL = `
INSERT INTO participant_scores (org, program_id, instrument, participant_id, days, scores, version)
WITH
${THEIR_SCORES_CTE}
SELECT {org:String}, program_id, instrument, participant_id,
  arrayMap(x -> x.1, counted_scores), arrayMap(x -> x.2, counted_scores), {version:UInt64}
FROM (
  SELECT program_id, instrument, participant_id,
    arraySort(x -> (x.1, x.3, x.4), groupArrayIf(tuple(administered_on, assumeNotNull(value), recorded_at, measure_id), counted)) AS counted_scores
  FROM their_scores
  GROUP BY program_id, instrument, participant_id
)`;
