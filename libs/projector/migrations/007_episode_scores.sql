-- Why: program outcomes read every measure of a program on each request, which grows with
-- the organization (10 M events: seconds a request, docs/benchmarks.md). This table holds one
-- row per episode (a memberships row) and instrument with what outcomes need: the count of
-- valid, non-voided measures in the episode, the first and the latest of them, and the
-- sessions attended. It is derived, never projected from an event: after each batch the
-- projector recomputes the episodes of every participant the batch touched from the tables
-- above (libs/projector/src/derived/), so it holds nothing they do not. Rows of episodes that
-- no longer qualify stay with their counts (readers filter), so a void or a correction always
-- has a row to replace. `version` is the refresh's clock (microseconds), not a log position:
-- a later refresh read fresher tables, whatever the positions of the batch that caused it.
-- baseline*/latest* are meaningful only when measures >= 1.
CREATE TABLE IF NOT EXISTS {{database}}.episode_scores
(
    org String,
    program_id String,
    instrument LowCardinality(String),
    group_id String,
    participant_id String,
    joined_on Date,
    left_on Nullable(Date),
    measures UInt32,
    baseline Float64,
    baseline_on Date,
    latest Float64,
    latest_on Date,
    attended_sessions UInt32,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, instrument, group_id, participant_id, joined_on);
