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
  episode_measures AS (
    SELECT program_id, group_id, participant_id, joined_on, left_on, instrument,
      toUInt32(countIf(in_episode)) AS measures,
      argMinIf(value, (administered_on, recorded_at, measure_id), in_episode) AS baseline,
      minIf(administered_on, in_episode) AS baseline_on,
      argMaxIf(value, (administered_on, recorded_at, measure_id), in_episode) AS latest,
      maxIf(administered_on, in_episode) AS latest_on
    FROM (
      SELECT e.program_id AS program_id, e.group_id AS group_id, e.participant_id AS participant_id, e.joined_on AS joined_on,
        e.left_on AS left_on, s.instrument AS instrument, s.administered_on AS administered_on, s.recorded_at AS recorded_at,
        s.measure_id AS measure_id, assumeNotNull(s.value) AS value,
        s.counted AND s.administered_on >= e.joined_on AND (e.left_on IS NULL OR s.administered_on <= e.left_on)
          AND (s.group_id IS NULL OR s.group_id = e.group_id) AS in_episode
      FROM episodes AS e
      INNER JOIN their_scores AS s ON s.participant_id = e.participant_id
    )
    GROUP BY program_id, group_id, participant_id, joined_on, left_on, instrument
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
  )
SELECT {org:String}, m.program_id, m.instrument, m.group_id, m.participant_id, m.joined_on, m.left_on,
  m.measures, m.baseline, m.baseline_on, m.latest, m.latest_on, a.attended_sessions, {version:UInt64}
FROM episode_measures AS m
LEFT JOIN episode_attendance AS a
  ON a.group_id = m.group_id AND a.participant_id = m.participant_id AND a.joined_on = m.joined_on
SETTINGS join_use_nulls = 0`;
