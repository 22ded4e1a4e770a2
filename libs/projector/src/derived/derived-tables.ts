import type { AnalyticsStore } from '#libs/analytics-store';
import { instruments } from '#libs/instruments';
import { erasureKey } from '../erasure.js';
import type { ProjectedRow } from '../projections/index.js';
import { tables, type TableName } from '../tables.js';
import { REFRESH_EPISODE_SCORES_SQL } from './episode-scores.sql.js';
import { REFRESH_MEASURES_CURRENT_SQL } from './measures-current.sql.js';
import { REFRESH_PARTICIPANT_SCORES_SQL } from './participant-scores.sql.js';
import { REFRESH_SESSION_ATTENDANCE_SQL } from './session-attendance.sql.js';

const measureSources: readonly TableName[] = [tables.measures, tables.measureScores, tables.measureVoids];

/** The column a derived table is recomputed by: each refresh statement takes a set of its values (`ids`). */
export type DerivedKey = 'participant_id' | 'group_id';

/**
 * Tables derived from the projected ones (migrations 007–009, 011): each refresh statement
 * recomputes the rows of a set of keys (participants, or groups) from scratch, in this order:
 * measures_current first, because episode_scores and participant_scores read it (it is ordered
 * by participant; the measures tables are not). `sources`: the projected tables it depends on,
 * so a batch of attendance refreshes episode_scores and session_attendance only. `perStatement`
 * bounds a statement's size and its joins' memory (a group has ~40 sessions × ~40 episodes).
 */
export const derivedTables = [
  { table: tables.measuresCurrent, sql: REFRESH_MEASURES_CURRENT_SQL, sources: measureSources, key: 'participant_id', perStatement: 5000 },
  { table: tables.episodeScores, sql: REFRESH_EPISODE_SCORES_SQL, sources: [...measureSources, tables.memberships, tables.attendance], key: 'participant_id', perStatement: 5000 },
  { table: tables.participantScores, sql: REFRESH_PARTICIPANT_SCORES_SQL, sources: measureSources, key: 'participant_id', perStatement: 5000 },
  { table: tables.sessionAttendance, sql: REFRESH_SESSION_ATTENDANCE_SQL, sources: [tables.sessions, tables.memberships, tables.attendance], key: 'group_id', perStatement: 1000 },
] as const satisfies readonly { table: TableName; sql: string; sources: readonly TableName[]; key: DerivedKey; perStatement: number }[];

/** Derived table → org → the keys (its `key` column's values) whose rows in it are stale. */
export type StaleKeys = Map<TableName, Map<string, Set<string>>>;

const keyOf: ReadonlyMap<TableName, DerivedKey> = new Map(derivedTables.map((d) => [d.table, d.key]));

/** Instruments whose change is counted in metric points (SWEMWBS): their `metric`, not their `total`. */
const metricInstruments: readonly string[] = instruments.filter((i) => i.reliableChange.units === 'metric').map((i) => i.id);

/** Projected table → the derived tables that read it and their keys (a lookup per row instead of a filter). */
export const dependentsOf: ReadonlyMap<TableName, readonly { readonly table: TableName; readonly key: DerivedKey }[]> = new Map(
  [...new Set(derivedTables.flatMap((d) => d.sources as readonly TableName[]))].map((source) => [
    source,
    derivedTables.filter((d) => (d.sources as readonly TableName[]).includes(source)).map((d) => ({ table: d.table, key: d.key })),
  ]),
);

/**
 * Adds to `stale` the keys (per derived table and org: participants, groups) whose derived rows
 * `rows` may change. Called per event while a batch is projected (in the slices that yield), so a large
 * batch costs no long pass over its rows on the api's event loop (~40,000 rows of a 20,000-event
 * batch: 23–29 ms in one pass, docs/benchmarks.md, projection pipeline, fourth pass).
 */
export function addStaleKeys(stale: StaleKeys, rows: readonly ProjectedRow[]): StaleKeys {
  for (const { table, row } of rows) {
    const dependents = dependentsOf.get(table);
    if (dependents === undefined) continue;
    const org = String(row['org']);
    for (const derived of dependents) {
      const id = row[derived.key];
      if (typeof id !== 'string') continue;
      let perOrg = stale.get(derived.table);
      if (!perOrg) stale.set(derived.table, (perOrg = new Map<string, Set<string>>()));
      const ids = perOrg.get(org);
      if (ids) ids.add(id);
      else perOrg.set(org, new Set([id]));
    }
  }
  return stale;
}

/**
 * `stale` without the participants in `erased` (erasureKey) in the per-participant tables:
 * erasure deletes their rows instead. Per-group rows stay (erasure refreshes them: refreshGroupsOfErased).
 */
export function withoutErased(stale: StaleKeys, erased: ReadonlySet<string>): StaleKeys {
  if (erased.size === 0) return stale;
  const kept: StaleKeys = new Map();
  for (const [derived, perOrg] of stale) {
    if (keyOf.get(derived) !== 'participant_id') {
      kept.set(derived, perOrg);
      continue;
    }
    const keptPerOrg = new Map<string, Set<string>>();
    for (const [org, ids] of perOrg) {
      const keptIds = new Set([...ids].filter((id) => !erased.has(erasureKey(org, id))));
      if (keptIds.size > 0) keptPerOrg.set(org, keptIds);
    }
    if (keptPerOrg.size > 0) kept.set(derived, keptPerOrg);
  }
  return kept;
}

/**
 * A strictly increasing version for derived rows: microseconds of the wall clock, bumped past
 * the last one given (two refreshes in one microsecond, or a clock step back). Not a log
 * position: a later refresh read fresher tables, whatever the positions of the batch behind it.
 */
export class RefreshClock {
  private last = 0n;
  constructor(private readonly nowMs: () => number = Date.now) {}
  next(): bigint {
    const now = BigInt(Math.floor(this.nowMs() * 1000));
    this.last = now > this.last ? now : this.last + 1n;
    return this.last;
  }
}

/**
 * Recomputes the stale rows of each derived table, in dependency order (run after their projected
 * rows are written). `maxThreads`: ClickHouse's max_threads for each statement (default: the
 * session's), so a refresh in the background can leave the api a core.
 */
export async function refreshDerivedTables(store: AnalyticsStore, stale: StaleKeys, clock: RefreshClock, maxThreads?: number): Promise<void> {
  for (const { table, sql, perStatement, key } of derivedTables) {
    const statement = onThreads(sql, maxThreads);
    for (const [org, keys] of stale.get(table) ?? []) {
      const ids = [...keys];
      for (let start = 0; start < ids.length; start += perStatement) {
        const chunk = ids.slice(start, start + perStatement);
        const perGroup = key === 'group_id' ? { programs: await programsOf(store, org, chunk) } : {};
        await store.command(statement, { org, ids: chunk, ...perGroup, metricInstruments, version: clock.next().toString() });
      }
    }
  }
}

/** The programs of some groups: a per-group statement reads each table on its (org, program_id, group_id) ranges. */
async function programsOf(store: AnalyticsStore, org: string, groupIds: readonly string[]): Promise<string[]> {
  const rows = await store.query<{ program_id: string }>(
    `SELECT DISTINCT program_id FROM ${tables.groups} WHERE org = {org:String} AND group_id IN {ids:Array(String)}`,
    { org, ids: groupIds },
  );
  return rows.map((r) => r.program_id);
}

/** `sql` with `max_threads` in its trailing SETTINGS clause (the episode_scores statement has one already). */
export function onThreads(sql: string, maxThreads: number | undefined): string {
  if (maxThreads === undefined) return sql;
  const threads = `max_threads = ${Math.max(1, Math.floor(maxThreads))}`;
  return /\nSETTINGS [^\n]*$/.test(sql) ? `${sql}, ${threads}` : `${sql}\nSETTINGS ${threads}`;
}

/** Every value of a key with projected rows, per org, in key order (a statement's reads stay on few key ranges). */
const EVERY_KEY_SQL: Readonly<Record<DerivedKey, string>> = {
  participant_id: `SELECT DISTINCT org, participant_id AS id FROM ${tables.measures} ORDER BY org, id`,
  group_id: `SELECT org, group_id AS id FROM ${tables.groups} FINAL ORDER BY org, program_id, group_id`,
};

/**
 * Computes derived tables (default: all) for every participant or group from the projected
 * tables: what a deployment that projected events before they existed needs once (migrate runs
 * it after the migration that adds them). In sorted chunks of keys, so each statement reads few
 * key ranges and its joins' memory stays bounded (a whole program at 10 M events took ~3.5 GB in
 * one statement).
 */
export async function backfillDerivedTables(store: AnalyticsStore, only: readonly TableName[] = derivedTables.map((d) => d.table), clock = new RefreshClock()): Promise<void> {
  const wanted = derivedTables.filter((d) => only.includes(d.table));
  const everyKey = new Map<DerivedKey, Map<string, Set<string>>>();
  for (const key of new Set(wanted.map((d) => d.key))) {
    const perOrg = new Map<string, Set<string>>();
    for (const { org, id } of await store.query<{ org: string; id: string }>(EVERY_KEY_SQL[key], {})) {
      const ids = perOrg.get(org);
      if (ids) ids.add(id);
      else perOrg.set(org, new Set([id]));
    }
    everyKey.set(key, perOrg);
  }
  const orgs = [...new Set([...everyKey.values()].flatMap((perOrg) => [...perOrg.keys()]))].sort();
  for (const org of orgs) {
    const stale: StaleKeys = new Map(wanted.map(({ table, key }) => [table, new Map([[org, everyKey.get(key)?.get(org) ?? new Set<string>()]])]));
    await refreshDerivedTables(store, stale, clock);
  }
}

/**
 * Before an erased participant's rows are deleted: recomputes the per-group rows of every group
 * they were a member of, which leave them out from now on (session-attendance.sql.ts reads
 * participant_erasures, written before this). Done at once, not deferred: once their memberships
 * are deleted, nothing would name those groups again, and a re-delivered erasure redoes both steps.
 */
export async function refreshGroupsOfErased(store: AnalyticsStore, erasures: readonly { readonly org: string; readonly participantId: string }[], clock: RefreshClock): Promise<void> {
  const stale: StaleKeys = new Map();
  for (const { org, participantId } of erasures) {
    const groups = await store.query<{ group_id: string }>(
      `SELECT DISTINCT group_id FROM ${tables.memberships} WHERE org = {org:String} AND participant_id = {participantId:String}`,
      { org, participantId },
    );
    // Rows naming only the group: the per-participant tables (keyed by participant_id) are not marked.
    addStaleKeys(stale, groups.map(({ group_id }) => ({ table: tables.memberships, row: { org, group_id } })));
  }
  await refreshDerivedTables(store, stale, clock);
}
