/**
 * Recomputes `session_attendance` (migrations/011) for some groups of one organization: one row
 * per session with the members enrolled on its date (joined_on ≤ date < left_on, OUTCOMES.md
 * "Group cohesion") and their attendance as it stands after corrections (FINAL). An enrolled
 * member without a record is `unrecorded`; a record of someone not enrolled on that date is left
 * out, so the five counts add up to `enrolled` (as libs/analytics' sessionAttendance does).
 * Erased participants are left out (their rows may still be there when their erasure refreshes
 * their groups, just before the rows are deleted). Params: org, ids (group ids), programs (their
 * program ids: each read is then on the (org, program_id, group_id) key ranges; a subquery for
 * them ran once per read, ~15 % of the statement at 10 M events), version.
 *
 * A ClickHouse LEFT JOIN fills a missing right side with defaults (0, ''), hence a session
 * without enrolled members gets zeros, a member without a record status ''.
 */
export const REFRESH_SESSION_ATTENDANCE_SQL = `
INSERT INTO session_attendance (org, program_id, group_id, session_id, session_date,
  enrolled, present, late, absent, excused, unrecorded, version)
WITH
  erased AS (
    SELECT participant_id FROM participant_erasures PREWHERE org = {org:String}
  ),
  their_sessions AS (
    SELECT program_id, group_id, session_id, session_date FROM sessions FINAL
    PREWHERE org = {org:String} AND program_id IN {programs:Array(String)} AND group_id IN {ids:Array(String)}
  ),
  their_episodes AS (
    SELECT group_id, participant_id, joined_on, left_on FROM memberships FINAL
    PREWHERE org = {org:String} AND program_id IN {programs:Array(String)} AND group_id IN {ids:Array(String)}
    WHERE participant_id NOT IN erased
  ),
  enrolled AS (
    SELECT DISTINCT s.group_id AS group_id, s.session_id AS session_id, e.participant_id AS participant_id
    FROM their_sessions AS s
    INNER JOIN their_episodes AS e ON e.group_id = s.group_id
    WHERE e.joined_on <= s.session_date AND (e.left_on IS NULL OR s.session_date < e.left_on)
  ),
  their_records AS (
    SELECT group_id, session_id, participant_id, toString(status) AS status FROM attendance FINAL
    PREWHERE org = {org:String} AND program_id IN {programs:Array(String)} AND group_id IN {ids:Array(String)}
  ),
  counts AS (
    SELECT n.group_id AS group_id, n.session_id AS session_id, count() AS enrolled,
      countIf(r.status = 'present') AS present, countIf(r.status = 'late') AS late,
      countIf(r.status = 'absent') AS absent, countIf(r.status = 'excused') AS excused,
      countIf(r.status = '') AS unrecorded
    FROM enrolled AS n
    LEFT JOIN their_records AS r ON r.group_id = n.group_id AND r.session_id = n.session_id AND r.participant_id = n.participant_id
    GROUP BY n.group_id, n.session_id
  )
SELECT {org:String}, s.program_id, s.group_id, s.session_id, s.session_date,
  c.enrolled, c.present, c.late, c.absent, c.excused, c.unrecorded, {version:UInt64}
FROM their_sessions AS s
LEFT JOIN counts AS c ON c.group_id = s.group_id AND c.session_id = s.session_id`;
