-- Why: the alert list (open vs acknowledged) and participant timelines; milestones as
-- timeline points and cohort counts over time (OUTCOMES.md "Alerts", "Milestones").
CREATE TABLE IF NOT EXISTS {{database}}.alerts
(
    org String,
    program_id String,
    participant_id String,
    alert_id String,
    group_id Nullable(String),
    alert_type LowCardinality(String),
    severity LowCardinality(String),
    message String COMMENT 'system-generated text, no identifiers',
    measure_id Nullable(String),
    raised_at DateTime64(3, 'UTC'),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, participant_id, alert_id);

-- An alert is open while it has no row here. The acknowledgement note stays encrypted.
CREATE TABLE IF NOT EXISTS {{database}}.alert_acks
(
    org String,
    program_id String,
    participant_id String,
    alert_id String,
    acknowledged_at DateTime64(3, 'UTC'),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, participant_id, alert_id);

-- The label (free text) stays encrypted; type, date and value are enough to chart.
CREATE TABLE IF NOT EXISTS {{database}}.milestones
(
    org String,
    program_id String,
    participant_id String,
    milestone_id String,
    milestone_type LowCardinality(String),
    achieved_on Date,
    value Nullable(Float64),
    event_id String,
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, participant_id, milestone_id);
