-- Why: the director's attendance KPI is (present + late) / enrolled over every session of a
-- program in a window (OUTCOMES.md "Group cohesion": enrolled on the session's date). Computed
-- from memberships × sessions × attendance at request time it took 200–600 ms at 10 M events
-- (docs/benchmarks.md, dashboard endpoints, fifth pass), and summing the groups' cohesion
-- answers took one request per group (~4,700). This table holds one row of counts per session,
-- derived like measures_current (009) but per group: the projector recomputes the sessions of
-- every group a batch touched (libs/projector/src/derived/); `version` is the refresh's clock.
-- The counts leave erased participants out (PRIVACY.md): their erasure refreshes their groups.
CREATE TABLE IF NOT EXISTS {{database}}.session_attendance
(
    org String,
    program_id String,
    group_id String,
    session_id String,
    session_date Date,
    enrolled UInt32 COMMENT 'members enrolled on session_date',
    present UInt32,
    late UInt32,
    absent UInt32,
    excused UInt32,
    unrecorded UInt32 COMMENT 'enrolled members without an attendance record',
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (org, program_id, group_id, session_id);

-- Merged like the other derived tables (010).
ALTER TABLE {{database}}.session_attendance MODIFY SETTING min_age_to_force_merge_seconds = 3600;
