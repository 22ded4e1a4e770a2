-- Why: outcomes (baseline vs latest valid score per episode), cohesion (GSRS, GCQ-S per
-- session) and trends all read measures (OUTCOMES.md). Raw items are kept so a new
-- instrument version can be applied to history; voids and rescorings are separate facts.

-- One row per administration, with the score computed when it was recorded.
CREATE TABLE IF NOT EXISTS {{database}}.measures
(
    org String,
    program_id String,
    instrument LowCardinality(String),
    participant_id String,
    measure_id String,
    group_id Nullable(String),
    session_id Nullable(String),
    instrument_version UInt32,
    items Array(Nullable(Float64)),
    administered_on Date,
    total Nullable(Float64),
    metric Nullable(Float64) COMMENT 'SWEMWBS metric score',
    subscales Map(String, Nullable(Float64)) COMMENT 'GCQ-S: engagement, avoidance, conflict',
    band Nullable(String),
    caseness Nullable(UInt8),
    valid UInt8,
    recorded_at DateTime64(3, 'UTC'),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, instrument, participant_id, measure_id);

-- Every score fact: the one at recording and each rescoring under a later instrument
-- version (OUTCOMES.md: re-scoring adds facts, never edits). Join on measure_id to pick a version.
CREATE TABLE IF NOT EXISTS {{database}}.measure_scores
(
    org String,
    program_id String,
    instrument LowCardinality(String),
    participant_id String,
    measure_id String,
    instrument_version UInt32,
    total Nullable(Float64),
    metric Nullable(Float64),
    subscales Map(String, Nullable(Float64)),
    band Nullable(String),
    caseness Nullable(UInt8),
    valid UInt8,
    scored_at DateTime64(3, 'UTC'),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, instrument, participant_id, measure_id, instrument_version);

-- A voided measure leaves every analysis (anti-join on measure_id); the reason stays
-- encrypted in the event store and is never projected.
CREATE TABLE IF NOT EXISTS {{database}}.measure_voids
(
    org String,
    program_id String,
    participant_id String,
    measure_id String,
    voided_at DateTime64(3, 'UTC'),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, participant_id, measure_id);
