import { runAlerts, runGroupCohesion, runRetention, runTrends } from '#libs/analytics';
import type { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import type { RecordedEvent } from '#libs/events';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { derivedTables, migrate, Projector, tables } from '#libs/projector';
import { SqliteEventStore } from '#libs/sqlite-event-store';

/** Every table a query reads; projection_positions is left out (its updated_at is wall-clock time). */
const queriedTables = Object.values(tables).filter((t) => t !== tables.projectionPositions);
/** Derived tables' `version` is the refresh's wall clock (libs/projector/src/derived): everything else must match. */
const derived: ReadonlySet<string> = new Set(derivedTables.map((d) => d.table));

/** What one database answers: rows as they stand (FINAL) per table, their counts, and a few analytics queries. */
export interface Answers {
  readonly counts: Record<string, number>;
  readonly rows: Record<string, string[]>;
  readonly queries: Record<string, unknown>;
}

export interface Comparison {
  readonly events: readonly RecordedEvent[];
  readonly actual: Answers;
  readonly replay: Answers;
}

/** The whole event log of a SQLite store file (read by a second connection; the writer may be gone). */
export async function readLog(eventsDb: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore({ path: eventsDb });
  try {
    return await store.readAll();
  } finally {
    await store.close();
  }
}

/**
 * Projects the log of `eventsDb` from scratch with the Projector into a fresh database beside
 * the one under test (same chDB path: one live path per process) and reads both the same way.
 * Call only after the process that owns `chdbPath` exited (chDB locks its directory).
 */
export async function compareWithCleanReplay(eventsDb: string, chdbPath: string, database = 'analytics'): Promise<Comparison> {
  const events = await readLog(eventsDb);
  const actualStore = await openChdbAnalyticsStore({ path: chdbPath, database, readers: 1 });
  const replayStore = await openChdbAnalyticsStore({ path: chdbPath, database: 'clean_replay', readers: 1 });
  try {
    await migrate(replayStore);
    const projector = new Projector(replayStore, { deadLetters: new InMemoryDeadLetterSink() });
    for (let start = 0; start < events.length; start += 1000) await projector.handleBatch(events.slice(start, start + 1000));
    const today = new Date().toISOString().slice(0, 10);
    return { events, actual: await answers(actualStore, today), replay: await answers(replayStore, today) };
  } finally {
    await actualStore.close();
    await replayStore.close();
  }
}

async function answers(store: AnalyticsStore, today: string): Promise<Answers> {
  const counts: Record<string, number> = {};
  const rows: Record<string, string[]> = {};
  for (const table of queriedTables) {
    const [count] = await store.query<{ n: string }>(`SELECT count() AS n FROM ${table} FINAL`, {});
    counts[table] = Number(count!.n);
    const all = await store.query<Record<string, unknown>>(`SELECT * ${derived.has(table) ? 'EXCEPT (version) ' : ''}FROM ${table} FINAL`, {});
    rows[table] = all.map((row) => JSON.stringify(row)).sort();
  }
  return { counts, rows, queries: await analyticsQueries(store, today) };
}

/** The read queries behind the analytics endpoints (#libs/analytics), for every org, program, group and instrument present. */
async function analyticsQueries(store: AnalyticsStore, today: string): Promise<Record<string, unknown>> {
  const queries: Record<string, unknown> = {};
  const programs = await store.query<{ org: string; program_id: string }>('SELECT DISTINCT org, program_id FROM programs FINAL ORDER BY org, program_id', {});
  for (const { org, program_id: programId } of programs) {
    queries[`retention ${org}/${programId}`] = await runRetention(store, { org, programId, today });
    const instruments = await store.query<{ instrument: string }>('SELECT DISTINCT instrument FROM measures FINAL WHERE org = {org:String} AND program_id = {programId:String} ORDER BY instrument', { org, programId });
    for (const { instrument } of instruments) {
      queries[`trends ${org}/${programId}/${instrument}`] = await runTrends(store, { org, programId, instrument, bucket: 'month' });
    }
  }
  const groups = await store.query<{ org: string; group_id: string }>('SELECT DISTINCT org, group_id FROM groups FINAL ORDER BY org, group_id', {});
  for (const { org, group_id: groupId } of groups) queries[`cohesion ${org}/${groupId}`] = await runGroupCohesion(store, { org, groupId });
  const orgs = [...new Set(programs.map((p) => p.org))];
  for (const org of orgs) queries[`alerts ${org}`] = await runAlerts(store, { org });
  return queries;
}
