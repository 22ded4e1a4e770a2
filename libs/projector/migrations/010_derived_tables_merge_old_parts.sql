-- Why: a derived table (007–009) gets a new part from every projector batch, holding the
-- refreshed participants' rows again, while most of its rows sit in the large parts of the
-- backfill. ClickHouse's merge selector keeps merging the small parts among themselves and
-- leaves the large ones, so a read with FINAL of a few participants touches every part and
-- merges across them. At 10 M events measures_current stayed at 8 parts: a group's session
-- measures read 146 granules in ~50 ms; merged into one part, ~30 ms, and the members' latest
-- scores ~52 → ~27 ms (docs/benchmarks.md, dashboard endpoints, fourth pass).
-- min_age_to_force_merge_seconds merges every range of parts that are all older than this into
-- one in the background (https://clickhouse.com/docs/operations/settings/merge-tree-settings#min_age_to_force_merge_seconds):
-- at most one rewrite of each table per hour, of the parts written before that hour.
ALTER TABLE {{database}}.measures_current MODIFY SETTING min_age_to_force_merge_seconds = 3600;
ALTER TABLE {{database}}.episode_scores MODIFY SETTING min_age_to_force_merge_seconds = 3600;
ALTER TABLE {{database}}.participant_scores MODIFY SETTING min_age_to_force_merge_seconds = 3600;
