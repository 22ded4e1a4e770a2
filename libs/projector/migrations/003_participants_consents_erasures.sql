-- Why: cohorts are described by coarse attributes only (PRIVACY.md): the pseudonymous
-- participant id, age band and gender. Names, dates of birth and record numbers never
-- reach the analytics store; they stay encrypted in the event store.
CREATE TABLE IF NOT EXISTS {{database}}.participants
(
    org String,
    program_id String,
    participant_id String,
    age_band LowCardinality(String),
    gender LowCardinality(String),
    registered_on Date,
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, participant_id);

-- Why keyed by event: consent is a history (granted, revoked, granted again); exports ask
-- for the status as of a date: argMax(status, version) per (participant, scope, recipient).
CREATE TABLE IF NOT EXISTS {{database}}.consents
(
    org String,
    program_id String,
    participant_id String,
    scope LowCardinality(String),
    status LowCardinality(String),
    recipient Nullable(String),
    recorded_on Date,
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, participant_id, event_id);

-- Why: the projector drops rows of an erased participant that arrive after the erasure
-- (group streams may sit on other partitions than the participant's stream), and audits
-- can count erasures. Holds the pseudonymous id only; never deleted by erasure.
CREATE TABLE IF NOT EXISTS {{database}}.participant_erasures
(
    org String,
    program_id String,
    participant_id String,
    erased_at DateTime64(3, 'UTC'),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, participant_id);
