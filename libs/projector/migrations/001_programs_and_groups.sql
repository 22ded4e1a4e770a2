-- Why: cohesion, outcomes and retention are asked per program and per group, and by
-- therapist (the group's facilitators), so the structure is projected first.
-- Conventions of every table (README.md): `org` (tenant) first in ORDER BY; `version` is the
-- event's global position and `is_deleted` the erasure flag of ReplacingMergeTree(version,
-- is_deleted); the ORDER BY is the natural key, so a re-delivered event rewrites the same row.
-- Instants are DateTime64(3, 'UTC'), calendar dates (program time zone) are Date.
-- {{database}} and {{engine}} are substituted per deployment by migrate().

CREATE TABLE IF NOT EXISTS {{database}}.programs
(
    org String,
    program_id String,
    name String,
    part2 UInt8,
    time_zone String,
    planned_weeks Nullable(UInt16),
    schedule_instruments Array(String) COMMENT 'parallel to schedule_every',
    schedule_every Array(LowCardinality(String)),
    created_at DateTime64(3, 'UTC'),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id);

CREATE TABLE IF NOT EXISTS {{database}}.groups
(
    org String,
    program_id String,
    group_id String,
    name String,
    starts_on Date,
    created_at DateTime64(3, 'UTC'),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, group_id);

-- Why keyed by event: the set of facilitators changes over time and outcomes by therapist
-- need who ran the group when. One row per change; current set = argMax(facilitator_ids, version).
CREATE TABLE IF NOT EXISTS {{database}}.group_facilitators
(
    org String,
    program_id String,
    group_id String,
    facilitator_ids Array(String),
    changed_at DateTime64(3, 'UTC'),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, group_id, event_id);

-- Why apart from groups: a closure is a later event and a row is written from one event alone.
CREATE TABLE IF NOT EXISTS {{database}}.group_closures
(
    org String,
    program_id String,
    group_id String,
    closed_on Date,
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, group_id);
