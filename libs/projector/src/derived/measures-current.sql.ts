import { THEIR_MEASURES_CTE, THESE_PARTICIPANTS, VOIDED_CTE } from './scored-measures.sql.js';

/**
 * Recomputes `measures_current` (migrations/009) for some participants of one organization:
 * every measure of theirs, voided and invalid ones too, with its score under its highest
 * instrument_version (a rescoring supersedes) and whether it was voided. A measure always has a score row (the one at recording), hence the
 * inner join. Params: those of scored-measures.sql.ts, and version.
 */
export const REFRESH_MEASURES_CURRENT_SQL = `
INSERT INTO measures_current (org, program_id, participant_id, measure_id, instrument, instrument_version,
  administered_on, recorded_at, group_id, session_id, total, metric, subscales, band, caseness, valid, voided, version)
WITH
${THEIR_MEASURES_CTE},
${VOIDED_CTE},
  current_scores AS (
    SELECT measure_id, max(instrument_version) AS current_version,
      argMax(total, instrument_version) AS total, argMax(metric, instrument_version) AS metric,
      argMax(subscales, instrument_version) AS subscales, argMax(band, instrument_version) AS band,
      argMax(caseness, instrument_version) AS caseness, argMax(valid, instrument_version) AS valid
    FROM measure_scores FINAL
    PREWHERE ${THESE_PARTICIPANTS}
    GROUP BY measure_id
  )
SELECT {org:String}, m.program_id, m.participant_id, m.measure_id, m.instrument, s.current_version,
  m.administered_on, m.recorded_at, m.group_id, m.session_id, s.total, s.metric, s.subscales, s.band, s.caseness, s.valid,
  toUInt8(m.measure_id IN (SELECT measure_id FROM voided)), {version:UInt64}
FROM their_measures AS m
INNER JOIN current_scores AS s ON s.measure_id = m.measure_id`;
