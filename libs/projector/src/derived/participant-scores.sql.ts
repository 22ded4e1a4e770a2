import { LATEST_SCORES_CTE, THEIR_MEASURES_CTE, VOIDED_CTE } from './scored-measures.sql.js';

/**
 * Recomputes `participant_scores` (migrations/008) for some participants of one organization:
 * per participant and instrument, the days and scores of their valid, non-voided measures
 * under the current instrument version (metric score for SWEMWBS), ordered by (administered_on, recorded_at, measure_id) — what trends
 * average per week or month (OUTCOMES.md). One row per instrument the participant has any
 * measure of, so a participant whose last counted measure was voided gets empty arrays.
 * Params: those of scored-measures.sql.ts, and version.
 */
export const REFRESH_PARTICIPANT_SCORES_SQL = `
INSERT INTO participant_scores (org, program_id, instrument, participant_id, days, scores, version)
WITH
${THEIR_MEASURES_CTE},
${LATEST_SCORES_CTE},
${VOIDED_CTE}
SELECT {org:String}, program_id, instrument, participant_id,
  arrayMap(x -> x.1, counted), arrayMap(x -> x.2, counted), {version:UInt64}
FROM (
  SELECT m.program_id AS program_id, m.instrument AS instrument, m.participant_id AS participant_id,
    arraySort(x -> (x.1, x.3, x.4), groupArrayIf(
      tuple(m.administered_on, assumeNotNull(s.scored.1), m.recorded_at, m.measure_id),
      s.scored.2 = 1 AND s.scored.1 IS NOT NULL AND m.measure_id NOT IN (SELECT measure_id FROM voided)
    )) AS counted
  FROM their_measures AS m
  LEFT JOIN latest_scores AS s ON s.measure_id = m.measure_id
  GROUP BY m.program_id, m.instrument, m.participant_id
)
SETTINGS join_use_nulls = 0`;
