/**
 * CTEs shared by the derived tables' refresh statements: one participant set's measures and
 * their current scores, episodes and attendance. Params: org, ids (participant ids),
 * metricInstruments. Key-column
 * filters sit in PREWHERE so FINAL merges only those participants' rows (docs/benchmarks.md,
 * "dashboard endpoints": ClickHouse does not filter before FINAL unless told).
 */
export const THESE_PARTICIPANTS = `org = {org:String} AND participant_id IN {ids:Array(String)}`;

/** their_measures: every measure of the participants (voided and invalid ones too). */
export const THEIR_MEASURES_CTE = `
  their_measures AS (
    SELECT program_id, participant_id, instrument, group_id, session_id, administered_on, recorded_at, measure_id
    FROM measures FINAL
    PREWHERE ${THESE_PARTICIPANTS}
  )`;

/** voided: the ids of the participants' voided measures (a void takes a measure out of every analysis). */
export const VOIDED_CTE = `
  voided AS (
    SELECT measure_id FROM measure_voids FINAL
    PREWHERE ${THESE_PARTICIPANTS}
  )`;

/**
 * their_scores: every measure of the participants from measures_current (refreshed first, and
 * ordered by participant, so this read is a few small granules while the measures tables
 * spread one participant over every (program, instrument) range): `value` is the metric for
 * `metricInstruments` (SWEMWBS), else the total; `counted` = valid, not voided, with a value.
 */
export const THEIR_SCORES_CTE = `
  their_scores AS (
    SELECT program_id, participant_id, instrument, group_id, administered_on, recorded_at, measure_id,
      if(instrument IN {metricInstruments:Array(String)}, metric, total) AS value,
      valid = 1 AND voided = 0 AND value IS NOT NULL AS counted
    FROM measures_current FINAL
    PREWHERE ${THESE_PARTICIPANTS}
  )`;

/** memberships of the participants: their episodes. */
export const EPISODES_CTE = `
  episodes AS (
    SELECT program_id, group_id, participant_id, joined_on, left_on
    FROM memberships FINAL
    PREWHERE ${THESE_PARTICIPANTS}
  )`;

/** attendance of the participants in their episodes' groups ((program_id, group_id) lead the key: a few granules). */
export const THEIR_ATTENDANCE = `
      SELECT group_id, participant_id, session_id, session_date, status
      FROM attendance FINAL
      PREWHERE ${THESE_PARTICIPANTS}
        AND (program_id, group_id) IN (SELECT program_id, group_id FROM episodes)`;
