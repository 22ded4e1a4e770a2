-- Why: a group's members, a group's session measures and a participant's timeline read the
-- measures of a few participants. In measures (ORDER BY org, program_id, instrument,
-- participant_id, ...) one participant's rows are spread over every (program, instrument)
-- range, so twenty members touch most granules of the organization (10 M events: ~200 ms a
-- request, docs/benchmarks.md). This table holds every measure (voided and invalid ones too)
-- with its current score (highest instrument_version) and a voided flag, ordered by
-- participant, with small granules, so those reads touch a few granules each. Derived like
-- episode_scores (007): the projector recomputes the rows of every participant a batch touched
-- (libs/projector/src/derived/); `version` is the refresh's clock.
CREATE TABLE IF NOT EXISTS {{database}}.measures_current
(
    org String,
    program_id String,
    participant_id String,
    measure_id String,
    instrument LowCardinality(String),
    instrument_version UInt32 COMMENT 'the version the current score is under',
    administered_on Date,
    recorded_at DateTime64(3, 'UTC'),
    group_id Nullable(String),
    session_id Nullable(String),
    total Nullable(Float64),
    metric Nullable(Float64),
    subscales Map(String, Nullable(Float64)),
    band Nullable(String),
    caseness Nullable(UInt8),
    valid UInt8,
    voided UInt8,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, participant_id, measure_id)
SETTINGS index_granularity = 1024;
