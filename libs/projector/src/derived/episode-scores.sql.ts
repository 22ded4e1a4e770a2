import { EPISODES_CTE, THEIR_ATTENDANCE, THEIR_SCORES_CTE } from './scored-measures.sql.js';

/**
 * Recomputes `episode_scores` (migrations/007) for some participants of one organization from
 * measures_current, memberships and attendance. The rules are those of the outcomes query
 * (libs/analytics/src/outcomes/outcomes.sql.ts, OUTCOMES.md), without a date window:
 * - episode = a memberships row (group, participant, joined_on), running to left_on inclusive
 *   or to now; a measure belongs to it when administered in [joined_on, left_on] and its
 *   group_id is the episode's group or null;
 * - score = the measure's score under its highest instrument_version, the metric score for the
 *   instruments listed in `metricInstruments` (SWEMWBS) and the total otherwise; valid = 1 and
 *   not null; voided measures leave;
 * - baseline/latest = first/last valid score by (administered_on, recorded_at, measure_id);
 * - attended_sessions = distinct sessions with status present or late in the episode's group
 *   and dates.
 * One row per episode and instrument the participant has any measure of (voided and invalid
 * ones included), so a row whose last valid measure was voided is replaced by one with
 * measures = 0 instead of keeping its old counts.
 *
 * Params: those of scored-measures.sql.ts, and version.
 */
export const REFRESH_EPISODE_SCORES_SQL = `
INSERT INTO episode_scores (org, program_id, instrument, group_id, participant_id, joined_on, left_on,
  measures, baseline, baseline_on, latest, latest_on, attended_sessions, version)
WITH
${EPISODES_CTE},
${THEIR_SCORES_CTE},
  valid_measures AS (
    SELECT participant_id, instrument, group_id AS measure_group, administered_on, recorded_at, measure_id, assumeNotNull(value) AS value
    FROM their_scores
    WHERE counted
  ),
  episode_measures AS (
    SELECT e.group_id AS group_id, e.participant_id AS participant_id, e.joined_on AS joined_on, v.instrument AS instrument,
      toUInt32(count()) AS measures,
      argMin(v.value, (v.administered_on, v.recorded_at, v.measure_id)) AS baseline,
      min(v.administered_on) AS baseline_on,
      argMax(v.value, (v.administered_on, v.recorded_at, v.measure_id)) AS latest,
      max(v.administered_on) AS latest_on
    FROM episodes AS e
    INNER JOIN valid_measures AS v ON v.participant_id = e.participant_id
    WHERE v.administered_on >= e.joined_on AND (e.left_on IS NULL OR v.administered_on <= e.left_on)
      AND (v.measure_group IS NULL OR v.measure_group = e.group_id)
    GROUP BY e.group_id, e.participant_id, e.joined_on, v.instrument
  ),
  episode_attendance AS (
    SELECT e.group_id AS group_id, e.participant_id AS participant_id, e.joined_on AS joined_on,
      toUInt32(uniqExact(a.session_id)) AS attended_sessions
    FROM episodes AS e
    INNER JOIN (${THEIR_ATTENDANCE}
    ) AS a ON a.group_id = e.group_id AND a.participant_id = e.participant_id
    WHERE a.status IN ('present', 'late')
      AND a.session_date >= e.joined_on AND (e.left_on IS NULL OR a.session_date <= e.left_on)
    GROUP BY e.group_id, e.participant_id, e.joined_on
  ),
  episode_instruments AS (
    SELECT DISTINCT e.program_id AS program_id, e.group_id AS group_id, e.participant_id AS participant_id,
      e.joined_on AS joined_on, e.left_on AS left_on, m.instrument AS instrument
    FROM episodes AS e
    INNER JOIN their_scores AS m ON m.participant_id = e.participant_id
  )
SELECT {org:String}, ei.program_id, ei.instrument, ei.group_id, ei.participant_id, ei.joined_on, ei.left_on,
  m.measures, m.baseline, m.baseline_on, m.latest, m.latest_on, a.attended_sessions, {version:UInt64}
FROM episode_instruments AS ei
LEFT JOIN episode_measures AS m
  ON m.group_id = ei.group_id AND m.participant_id = ei.participant_id AND m.joined_on = ei.joined_on AND m.instrument = ei.instrument
LEFT JOIN episode_attendance AS a
  ON a.group_id = ei.group_id AND a.participant_id = ei.participant_id AND a.joined_on = ei.joined_on
SETTINGS join_use_nulls = 0`;
