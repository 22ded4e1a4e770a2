-- Why: /health shows how far each projection has got (API.md: asOf, lag). Offsets live in
-- the transport; this is only a report. Not tenant data: the event-store position is global,
-- so this table (like schema_migrations) has no org column. The highest version wins.
CREATE TABLE IF NOT EXISTS {{database}}.projection_positions
(
    projection_name String COMMENT 'not `projection`: a keyword in CREATE TABLE',
    projection_version UInt32,
    position UInt64,
    updated_at DateTime64(3, 'UTC'),
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY (projection_name, projection_version);
