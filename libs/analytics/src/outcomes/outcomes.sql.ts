import { FLAG_BITS, SCALE } from './change-stats.js';

/**
 * The one query of program outcomes: one row per group with its name, current facilitators
 * and its qualifying episodes, each with its baseline and latest valid score and the number of
 * valid measures and attended sessions. Classification and statistics are pure TS (summarize.ts).
 *
 * Why one row per group with the episodes as arrays (not one row per episode): at 1 M events
 * a program has ~20 000 qualifying episodes, and decoding them as JSON objects (one per row,
 * group name and facilitators repeated) cost ~100 ms of the api's CPU per request, a fifth of
 * the whole request; compact arrays parse in a few ms (docs/benchmarks.md, "dashboard endpoints").
 *
 * Rules encoded here (README.md in this folder says why):
 * - episode = a memberships row (org, program, group, participant, joined_on); it runs to
 *   left_on inclusive, or to now. A measure belongs to it when administered in
 *   [joined_on, left_on] and its group_id is the episode's group or null;
 * - score = the measure's score under its highest instrument_version (a rescoring supersedes),
 *   `metric` for SWEMWBS (useMetric = 1) and `total` otherwise; valid = 1 and not null;
 * - voided measures leave (LEFT ANTI JOIN measure_voids, projector README);
 * - attended = distinct sessions with status present or late in the episode's group and dates;
 * - the window [from, to] applies to administered_on and session_date alike;
 * - an episode qualifies with ≥ 2 valid measures and ≥ 2 attended sessions;
 * - left_on is returned only when the leave happened by the window's end (else ongoing).
 * Scope: org always; allGroups/groupIds (a therapist's groups); groupId and therapistId
 * filters (current facilitators: argMax(facilitator_ids, version) per group).
 */
/** Each group's current facilitators and name (joined to the qualifying episodes by group). */
const GROUP_CTES = `
  facilitators AS (
    SELECT group_id, argMax(facilitator_ids, version) AS facilitator_ids
    FROM group_facilitators
    WHERE org = {org:String} AND program_id = {programId:String}
    GROUP BY group_id
  ),
  group_names AS (
    SELECT group_id, name FROM groups FINAL
    WHERE org = {org:String} AND program_id = {programId:String}
  )`;

/**
 * The groups' rows from a CTE `qualifying` (group_id, participant_id, joined_on, left_on,
 * baseline, baseline_on, latest, latest_on, measures, attended_sessions): one per qualifying
 * episode.
 */
const groupRowsFrom = (qualifying: string) => `
WITH
${GROUP_CTES},
${qualifying}
SELECT q.group_id AS group_id, any(g.name) AS group_name, any(f.facilitator_ids) AS facilitator_ids,
  arraySort(groupArray(tuple(
    q.participant_id,
    toString(q.joined_on),
    if(q.left_on IS NOT NULL AND q.left_on <= {to:Date}, toString(q.left_on), NULL),
    q.baseline, toString(q.baseline_on),
    q.latest, toString(q.latest_on),
    q.measures, q.attended_sessions
  ))) AS episodes
FROM qualifying AS q
LEFT JOIN facilitators AS f ON f.group_id = q.group_id
LEFT JOIN group_names AS g ON g.group_id = q.group_id
WHERE {therapistId:String} = '' OR has(f.facilitator_ids, {therapistId:String})
GROUP BY q.group_id
ORDER BY group_id`;

/** `qualifying` computed from every measure and attendance row of the program in the window. */
const QUALIFYING_FROM_MEASURES = `
  episodes AS (
    SELECT group_id, participant_id, joined_on, left_on
    FROM memberships FINAL
    WHERE org = {org:String} AND program_id = {programId:String}
      AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})
      AND ({groupId:String} = '' OR group_id = {groupId:String})
  ),
  latest_scores AS (
    SELECT measure_id,
      argMax(tuple(if({useMetric:UInt8} = 1, metric, total), valid), instrument_version) AS scored
    FROM measure_scores FINAL
    WHERE org = {org:String} AND program_id = {programId:String} AND instrument = {instrument:String}
    GROUP BY measure_id
  ),
  valid_measures AS (
    SELECT m.participant_id AS participant_id, m.group_id AS measure_group, m.administered_on AS administered_on,
      m.recorded_at AS recorded_at, m.measure_id AS measure_id, assumeNotNull(s.scored.1) AS value
    FROM (
      SELECT participant_id, group_id, administered_on, recorded_at, measure_id
      FROM measures FINAL
      WHERE org = {org:String} AND program_id = {programId:String} AND instrument = {instrument:String}
        AND administered_on BETWEEN {from:Date} AND {to:Date}
    ) AS m
    INNER JOIN latest_scores AS s ON s.measure_id = m.measure_id
    LEFT ANTI JOIN (
      SELECT measure_id FROM measure_voids FINAL WHERE org = {org:String} AND program_id = {programId:String}
    ) AS v ON v.measure_id = m.measure_id
    WHERE s.scored.2 = 1 AND s.scored.1 IS NOT NULL
  ),
  episode_measures AS (
    SELECT e.group_id AS group_id, e.participant_id AS participant_id, e.joined_on AS joined_on,
      toUInt32(count()) AS measures,
      argMin(v.value, (v.administered_on, v.recorded_at, v.measure_id)) AS baseline,
      min(v.administered_on) AS baseline_on,
      argMax(v.value, (v.administered_on, v.recorded_at, v.measure_id)) AS latest,
      max(v.administered_on) AS latest_on
    FROM episodes AS e
    INNER JOIN valid_measures AS v ON v.participant_id = e.participant_id
    WHERE v.administered_on >= e.joined_on AND (e.left_on IS NULL OR v.administered_on <= e.left_on)
      AND (v.measure_group IS NULL OR v.measure_group = e.group_id)
    GROUP BY e.group_id, e.participant_id, e.joined_on
    HAVING measures >= 2
  ),
  episode_attendance AS (
    SELECT e.group_id AS group_id, e.participant_id AS participant_id, e.joined_on AS joined_on,
      toUInt32(uniqExact(a.session_id)) AS attended_sessions
    FROM episodes AS e
    INNER JOIN (
      SELECT group_id, participant_id, session_id, session_date
      FROM attendance FINAL
      WHERE org = {org:String} AND program_id = {programId:String} AND status IN ('present', 'late')
        AND session_date BETWEEN {from:Date} AND {to:Date}
    ) AS a ON a.group_id = e.group_id AND a.participant_id = e.participant_id
    WHERE a.session_date >= e.joined_on AND (e.left_on IS NULL OR a.session_date <= e.left_on)
    GROUP BY e.group_id, e.participant_id, e.joined_on
    HAVING attended_sessions >= 2
  ),
  qualifying AS (
    SELECT e.group_id AS group_id, e.participant_id AS participant_id, e.joined_on AS joined_on, e.left_on AS left_on,
      m.baseline AS baseline, m.baseline_on AS baseline_on, m.latest AS latest, m.latest_on AS latest_on,
      m.measures AS measures, a.attended_sessions AS attended_sessions
    FROM episodes AS e
    INNER JOIN episode_measures AS m
      ON m.group_id = e.group_id AND m.participant_id = e.participant_id AND m.joined_on = e.joined_on
    INNER JOIN episode_attendance AS a
      ON a.group_id = e.group_id AND a.participant_id = e.participant_id AND a.joined_on = e.joined_on
  )`;

export const OUTCOME_EPISODES_SQL = groupRowsFrom(QUALIFYING_FROM_MEASURES);

/**
 * `qualifying` without a date window, from `episode_scores` (libs/projector migration 007):
 * the projector keeps each episode's counts, baseline and latest score there, computed by the
 * rules above, so a request reads one row per episode instead of every measure of the program
 * (docs/benchmarks.md, "dashboard endpoints" at 10 M events). Same params; from/to must be
 * the open bounds (`to` still decides left_on: DATE_MAX, every leave counts).
 */
const QUALIFYING_FROM_EPISODE_SCORES = `
  qualifying AS (
    SELECT group_id, participant_id, joined_on, left_on, baseline, baseline_on, latest, latest_on, measures, attended_sessions
    FROM episode_scores FINAL
    PREWHERE org = {org:String} AND program_id = {programId:String} AND instrument = {instrument:String}
      AND ({allGroups:UInt8} = 1 OR group_id IN {groupIds:Array(String)})
      AND ({groupId:String} = '' OR group_id = {groupId:String})
    WHERE measures >= 2 AND attended_sessions >= 2
  )`;

export const OUTCOME_EPISODES_PRECOMPUTED_SQL = groupRowsFrom(QUALIFYING_FROM_EPISODE_SCORES);

/** The distinct (baseline, latest) pairs of the qualifying episodes: each gets its verdict once (verdict-flags.ts). */
const pairsFrom = (qualifying: string) => `
WITH
${qualifying}
SELECT DISTINCT baseline, latest FROM qualifying`;

/**
 * Per group: the sums of change-stats.ts over its qualifying episodes (scores in hundredths as
 * integers, so the sums are exact), and per verdict bit the episodes having it, from the
 * verdict table the caller decided (params pairBaselines, pairLatests, pairFlags;
 * verdict-cache.ts), and `unknown`: the episodes whose pair the table lacks (their bits are not
 * counted: the caller decides them and asks again). A program at 10 M events has ~200 000
 * qualifying episodes: handing them to the api one by one cost more than all the statistics
 * (docs/benchmarks.md); the groups are ~5 000 rows. Names and facilitators come from
 * OUTCOME_GROUP_LABELS_SQL, read at the same time (a quarter of this statement's time when joined here).
 * One row: the groups as tuples sorted by group_id (arraySort compares group_id first, as ORDER
 * BY did), and `unknown` summed. ~5 000 JSONEachRow rows repeated every column name and were
 * parsed line by line: the tuples are ~half the JS heap (3.9 → 2.0 MB a request, measured) and
 * a few ms less (docs/benchmarks.md, issue 7, sixth pass).
 */
const groupStatsFrom = (qualifying: string) => `
SELECT arraySort(groupArray((group_id, n, finished, sum_b, sum_l, sum_bb, sum_ll, sum_bl, flag_counts))) AS groups,
  toUInt32(sum(unknown)) AS unknown
FROM (
WITH
${qualifying},
  verdicts AS (
    SELECT pair.1 AS baseline, pair.2 AS latest, pair.3 AS flags, toUInt8(1) AS known
    FROM (SELECT arrayJoin(arrayZip({pairBaselines:Array(Float64)}, {pairLatests:Array(Float64)}, {pairFlags:Array(UInt32)})) AS pair)
  )
SELECT group_id, toUInt32(count()) AS n, toUInt32(sum(finished)) AS finished,
  -- Float64 holds these integer sums exactly (below 2^53) and reaches JSON as a number, not a string.
  toFloat64(sum(b)) AS sum_b, toFloat64(sum(l)) AS sum_l,
  toFloat64(sum(b * b)) AS sum_bb, toFloat64(sum(l * l)) AS sum_ll, toFloat64(sum(b * l)) AS sum_bl,
  [${Array.from({ length: FLAG_BITS }, (_, bit) => `toUInt32(countIf(bitTest(flags, ${bit})))`).join(', ')}] AS flag_counts,
  toUInt32(countIf(ifNull(known, 0) = 0)) AS unknown
FROM (
  SELECT q.group_id AS group_id, toInt64(round(q.baseline * ${SCALE})) AS b, toInt64(round(q.latest * ${SCALE})) AS l,
    toUInt8(q.left_on IS NOT NULL AND q.left_on <= {to:Date}) AS finished, v.flags AS flags, v.known AS known
  FROM qualifying AS q
  -- No match: known is 0 (or NULL under join_use_nulls), counted in unknown; its flags count nowhere.
  LEFT JOIN verdicts AS v ON v.baseline = q.baseline AND v.latest = q.latest
)
GROUP BY group_id
)`;

/**
 * Every group of the program with its name and current facilitators (joined to the statistics
 * by group_id), as one row of tuples like the statistics (3.7 → 2.0 MB of JS heap a request).
 */
export const OUTCOME_GROUP_LABELS_SQL = `
SELECT groupArray((group_id, group_name, facilitator_ids)) AS groups
FROM (
WITH
${GROUP_CTES}
SELECT g.group_id AS group_id, g.name AS group_name, f.facilitator_ids AS facilitator_ids
FROM group_names AS g
LEFT JOIN facilitators AS f ON f.group_id = g.group_id
)`;

export const OUTCOME_PAIRS_SQL = pairsFrom(QUALIFYING_FROM_MEASURES);
export const OUTCOME_PAIRS_PRECOMPUTED_SQL = pairsFrom(QUALIFYING_FROM_EPISODE_SCORES);
export const OUTCOME_GROUP_STATS_SQL = groupStatsFrom(QUALIFYING_FROM_MEASURES);
export const OUTCOME_GROUP_STATS_PRECOMPUTED_SQL = groupStatsFrom(QUALIFYING_FROM_EPISODE_SCORES);

/** A group in OUTCOME_GROUP_LABELS_SQL: group_id, group_name, facilitator_ids ('' and [] without a match). */
export type OutcomeGroupLabelTuple = readonly [groupId: string, groupName: string, facilitatorIds: string[]];

/** The one row of OUTCOME_GROUP_LABELS_SQL (JSONEachRow). */
export interface OutcomeGroupLabelRow {
  readonly groups: readonly OutcomeGroupLabelTuple[];
}

/** A group in OUTCOME_GROUP_STATS_SQL, in this order: group_id, n, finished, sum_b, sum_l, sum_bb, sum_ll, sum_bl, flag_counts. */
export type OutcomeGroupStatsTuple = readonly [groupId: string, n: number, finished: number, sumB: number, sumL: number, sumBB: number, sumLL: number, sumBL: number, flagCounts: number[]];

/** The one row of OUTCOME_GROUP_STATS_SQL (JSONEachRow): the groups sorted by group_id. */
export interface OutcomeGroupStatsRow {
  readonly groups: readonly OutcomeGroupStatsTuple[];
  /** Episodes whose (baseline, latest) pair had no verdict in the table handed in. */
  readonly unknown: number;
}

/**
 * One episode in OutcomeGroupRow.episodes, in this order: participant_id, joined_on, left_on
 * (null = ongoing by the window's end), baseline, baseline_on, latest, latest_on, measures,
 * attended_sessions. Dates 'YYYY-MM-DD'; sorted by participant_id, then joined_on.
 */
export type OutcomeEpisodeTuple = readonly [
  participantId: string,
  joinedOn: string,
  leftOn: string | null,
  baseline: number,
  baselineOn: string,
  latest: number,
  latestOn: string,
  measures: number,
  attendedSessions: number,
];

/** One row of OUTCOME_EPISODES_SQL (JSONEachRow): a group and its qualifying episodes. */
export interface OutcomeGroupRow {
  readonly group_id: string;
  readonly group_name: string;
  readonly facilitator_ids: string[];
  readonly episodes: OutcomeEpisodeTuple[];
}

/** The typed parameters of OUTCOME_EPISODES_SQL ('' = no groupId / therapistId filter). */
export type OutcomeEpisodeSqlParams = {
  readonly org: string;
  readonly programId: string;
  readonly instrument: string;
  readonly useMetric: 0 | 1;
  readonly from: string;
  readonly to: string;
  readonly groupId: string;
  readonly therapistId: string;
  readonly allGroups: 0 | 1;
  readonly groupIds: readonly string[];
};
