import type { AnalyticsStore } from '#libs/analytics-store';
import { instruments } from '#libs/instruments';
import { erasureKey } from '../erasure.js';
import type { ProjectedRow } from '../projections/index.js';
import { tables, type TableName } from '../tables.js';
import { REFRESH_EPISODE_SCORES_SQL } from './episode-scores.sql.js';
import { REFRESH_MEASURES_CURRENT_SQL } from './measures-current.sql.js';
import { REFRESH_PARTICIPANT_SCORES_SQL } from './participant-scores.sql.js';

const measureSources: readonly TableName[] = [tables.measures, tables.measureScores, tables.measureVoids];

/**
 * Tables derived per participant from the projected ones (migrations 007–009): each refresh
 * statement recomputes the rows of a set of participants from scratch, in this order:
 * measures_current first, because the other two read it (it is ordered by participant; the
 * measures tables are not). `sources`: the projected tables it depends on, so a batch of
 * attendance refreshes episode_scores only.
 */
export const derivedTables = [
  { table: tables.measuresCurrent, sql: REFRESH_MEASURES_CURRENT_SQL, sources: measureSources },
  { table: tables.episodeScores, sql: REFRESH_EPISODE_SCORES_SQL, sources: [...measureSources, tables.memberships, tables.attendance] },
  { table: tables.participantScores, sql: REFRESH_PARTICIPANT_SCORES_SQL, sources: measureSources },
] as const;

/** Derived table → org → the participants whose rows in it are stale. */
export type StaleParticipants = Map<TableName, Map<string, Set<string>>>;

/** Instruments whose change is counted in metric points (SWEMWBS): their `metric`, not their `total`. */
const metricInstruments: readonly string[] = instruments.filter((i) => i.reliableChange.units === 'metric').map((i) => i.id);

/** Participants per refresh statement: bounds the statement's size and its joins' memory. */
const PARTICIPANTS_PER_REFRESH = 5000;

/** Projected table → the derived tables that read it (a lookup per row instead of a filter). */
const dependentsOf: ReadonlyMap<TableName, readonly TableName[]> = new Map(
  [...new Set(derivedTables.flatMap((d) => d.sources as readonly TableName[]))].map((source) => [
    source,
    derivedTables.filter((d) => (d.sources as readonly TableName[]).includes(source)).map((d) => d.table),
  ]),
);

/**
 * Adds to `stale` the participants (per derived table and org) whose derived rows `rows` may
 * change. Called per event while a batch is projected (in the slices that yield), so a large
 * batch costs no long pass over its rows on the api's event loop (~40,000 rows of a 20,000-event
 * batch: 23–29 ms in one pass, docs/benchmarks.md, projection pipeline, fourth pass).
 */
export function addStaleParticipants(stale: StaleParticipants, rows: readonly ProjectedRow[]): StaleParticipants {
  for (const { table, row } of rows) {
    const dependents = dependentsOf.get(table);
    if (dependents === undefined) continue;
    const org = String(row['org']);
    const participantId = String(row['participant_id']);
    for (const derived of dependents) {
      let perOrg = stale.get(derived);
      if (!perOrg) stale.set(derived, (perOrg = new Map<string, Set<string>>()));
      const ids = perOrg.get(org);
      if (ids) ids.add(participantId);
      else perOrg.set(org, new Set([participantId]));
    }
  }
  return stale;
}

/** `stale` without the participants in `erased` (erasureKey): erasure deletes their rows instead. */
export function withoutErased(stale: StaleParticipants, erased: ReadonlySet<string>): StaleParticipants {
  if (erased.size === 0) return stale;
  const kept: StaleParticipants = new Map();
  for (const [derived, perOrg] of stale) {
    const keptPerOrg = new Map<string, Set<string>>();
    for (const [org, ids] of perOrg) {
      const keptIds = new Set([...ids].filter((id) => !erased.has(erasureKey(org, id))));
      if (keptIds.size > 0) keptPerOrg.set(org, keptIds);
    }
    if (keptPerOrg.size > 0) kept.set(derived, keptPerOrg);
  }
  return kept;
}

/** The participants whose derived rows `rows` may have changed, leaving out those in `erased`. */
export function staleParticipants(rows: readonly ProjectedRow[], erased: ReadonlySet<string>): StaleParticipants {
  return withoutErased(addStaleParticipants(new Map(), rows), erased);
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
export async function refreshDerivedTables(store: AnalyticsStore, stale: StaleParticipants, clock: RefreshClock, maxThreads?: number): Promise<void> {
  for (const { table, sql } of derivedTables) {
    const statement = onThreads(sql, maxThreads);
    for (const [org, participantIds] of stale.get(table) ?? []) {
      const ids = [...participantIds];
      for (let start = 0; start < ids.length; start += PARTICIPANTS_PER_REFRESH) {
        await store.command(statement, { org, ids: ids.slice(start, start + PARTICIPANTS_PER_REFRESH), metricInstruments, version: clock.next().toString() });
      }
    }
  }
}

/** `sql` with `max_threads` in its trailing SETTINGS clause (the episode_scores statement has one already). */
export function onThreads(sql: string, maxThreads: number | undefined): string {
  if (maxThreads === undefined) return sql;
  const threads = `max_threads = ${Math.max(1, Math.floor(maxThreads))}`;
  return /\nSETTINGS [^\n]*$/.test(sql) ? `${sql}, ${threads}` : `${sql}\nSETTINGS ${threads}`;
}

/**
 * Computes every derived table for every participant from the projected tables: what a
 * deployment that projected events before they existed needs once (migrate runs it after the
 * last of their migrations). In sorted chunks of participants, so each statement reads one key
 * range per (program, instrument) and its joins' memory stays bounded (a whole program at
 * 10 M events took ~3.5 GB in one statement).
 */
export async function backfillDerivedTables(store: AnalyticsStore, clock = new RefreshClock()): Promise<void> {
  const orgs = await store.query<{ org: string }>(`SELECT DISTINCT org FROM ${tables.measures} ORDER BY org`, {});
  for (const { org } of orgs) {
    const participants = await store.query<{ participant_id: string }>(
      `SELECT DISTINCT participant_id FROM ${tables.measures} WHERE org = {org:String} ORDER BY participant_id`,
      { org },
    );
    const everyone = new Set(participants.map((p) => p.participant_id));
    await refreshDerivedTables(store, new Map(derivedTables.map(({ table }) => [table, new Map([[org, everyone]])])), clock);
  }
}
