-- Why: attendance rate needs members enrolled on each session date (joined_on <= d and
-- (left_on IS NULL or d < left_on)), retention needs each episode's join, leave and reason
-- (OUTCOMES.md "Group cohesion", "Retention").

-- One row per episode. MemberLeft carries joined_on, so the leave rewrites the whole row
-- under the same key with a higher version: FINAL/argMax gives the episode as it stands.
CREATE TABLE IF NOT EXISTS {{database}}.memberships
(
    org String,
    program_id String,
    group_id String,
    participant_id String,
    joined_on Date,
    left_on Nullable(Date),
    leave_reason Nullable(String),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, group_id, participant_id, joined_on);

CREATE TABLE IF NOT EXISTS {{database}}.sessions
(
    org String,
    program_id String,
    group_id String,
    session_id String,
    session_date Date,
    duration_minutes Nullable(UInt16),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, group_id, session_id);

-- One row per (session, participant). A correction (a later PUT) writes the listed
-- participants again with a higher version and replaces their status; others keep theirs.
CREATE TABLE IF NOT EXISTS {{database}}.attendance
(
    org String,
    program_id String,
    group_id String,
    session_id String,
    session_date Date,
    participant_id String,
    status LowCardinality(String) COMMENT 'present | late | absent | excused',
    corrected UInt8,
    recorded_at DateTime64(3, 'UTC'),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, group_id, session_id, participant_id);
