-- Why: trends average every counted score of a program per week or month, and reading them
-- from measures means a FINAL merge and two joins over all of the program's measures on each
-- request (10 M events: ~0.8 s, docs/benchmarks.md). This table holds, per participant and
-- instrument, the days and scores of their valid, non-voided measures under the current
-- instrument version, as two arrays. Derived like episode_scores (007): the projector
-- recomputes the rows of every participant a batch touched (libs/projector/src/derived/), and
-- `version` is the refresh's clock.
CREATE TABLE IF NOT EXISTS {{database}}.participant_scores
(
    org String,
    program_id String,
    instrument LowCardinality(String),
    participant_id String,
    days Array(Date),
    scores Array(Float64),
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, instrument, participant_id);
