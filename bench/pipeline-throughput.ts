/**
 * One run of each pipeline figure for bench/pipeline.ts: the straight-insert ceiling, the
 * pipeline's append → queryable rate, and freshness under a paced write load.
 */
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { AnalyticsStore } from '#libs/analytics-store';
import type { RecordedEvent } from '#libs/events';
import { allProjections, backfillDerivedTables, migrate, type TableName } from '#libs/projector';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { cohortAppends, type CohortOptions, type StreamAppend, writeCohortEvents } from '#libs/synthetic';
import { percentile } from './load.js';
import { type PipelineMode, startPipeline, visibility } from './pipeline-stages.js';

export interface ThroughputFigures {
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

/** The ceiling: the projected rows alone, and with the derived tables computed once after them. */
export interface CeilingFigures extends ThroughputFigures {
  readonly withDerived: ThroughputFigures;
}

/** The events of a cohort as a fresh store would record them (positions from 1), in memory. */
export async function cohortEvents(cohort: CohortOptions): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  await writeCohortEvents(cohort, { project: async (batch) => void events.push(...batch) });
  return events;
}

/**
 * The ceiling: the rows the projections make of `events`, inserted straight into fresh tables
 * in 20 000-row JSONEachRow inserts per table (ClickHouse's advice is ≥ 1 000 rows per insert,
 * https://clickhouse.com/docs/optimize/bulk-inserts). Projecting to rows is not timed.
 * `withDerived` adds the derived tables (libs/projector/src/derived), computed once for every
 * participant after the inserts: the same queryable state the pipeline reaches, made the
 * cheapest way (the pipeline refreshes them after each batch).
 */
export async function straightInsert(openDatabase: (name: string) => Promise<AnalyticsStore>, database: string, events: readonly RecordedEvent[]): Promise<CeilingFigures> {
  const store = await openDatabase(database);
  try {
    await migrate(store);
    const perTable = new Map<TableName, object[]>();
    for (const event of events) {
      for (const projection of allProjections) {
        if (!projection.handles.includes(event.type)) continue;
        for (const { table, row } of projection.toRows(event)) {
          const rows = perTable.get(table) ?? [];
          rows.push(row);
          perTable.set(table, rows);
        }
      }
    }
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (const [table, rows] of perTable) for (let i = 0; i < rows.length; i += 20_000) await store.insert(table, rows.slice(i, i + 20_000));
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    await backfillDerivedTables(store);
    const withDerivedSeconds = (performance.now() - started) / 1000;
    console.log('  straight insert', JSON.stringify({ wallMs: Math.round(seconds * 1000), processCpuMs: Math.round((cpu.user + cpu.system) / 1000), withDerivedWallMs: Math.round(withDerivedSeconds * 1000) }));
    return {
      events: events.length,
      seconds,
      eventsPerSecond: events.length / seconds,
      withDerived: { events: events.length, seconds: withDerivedSeconds, eventsPerSecond: events.length / withDerivedSeconds },
    };
  } finally {
    await store.close();
    await dropDatabase(openDatabase, database);
  }
}

/**
 * SqliteEventStore.close() waits for its writer thread to exit, but the thread is unref'd while
 * idle: with nothing else pending the process would end mid-close (exit 13, unsettled top-level
 * await). A timer keeps this process alive until the close resolves.
 */
export async function closeEventStore(store: SqliteEventStore): Promise<void> {
  const keepAlive = setInterval(() => undefined, 1000);
  try {
    await store.close();
  } finally {
    clearInterval(keepAlive);
  }
}

/** Appends like writeCohortEvents does (every append of a slice queued in one turn: one SQLite transaction). */
async function appendInTransactions(store: SqliteEventStore, appends: readonly StreamAppend[], eventsPerTransaction: number): Promise<bigint> {
  let head = 0n;
  for (let start = 0; start < appends.length; ) {
    let end = start;
    for (let n = 0; end < appends.length && n < eventsPerTransaction; end++) n += appends[end]!.events.length;
    const results = await Promise.all(appends.slice(start, end).map((a) => store.append(a.stream, a.events, 'any')));
    for (const r of results) if (r.position > head) head = r.position;
    start = end;
  }
  return head;
}

/**
 * Drops a run's database through a store on another database: a DROP ... SYNC of the database
 * the dropping connection itself uses can hang chDB (seen here: the process then exits with the
 * drop unanswered).
 */
async function dropDatabase(openDatabase: (name: string) => Promise<AnalyticsStore>, database: string): Promise<void> {
  const admin = await openDatabase('bench_admin');
  try {
    await admin.command(`DROP DATABASE IF EXISTS ${database} SYNC`);
  } finally {
    await admin.close();
  }
}

export interface PipelineFigures extends ThroughputFigures {
  /** Share of the wall time the projector spent inside handleBatch (1 = never waited for events). */
  readonly projectorBusy: number;
  readonly freshness: { appends: number; appendsPerSecond: number; p50Ms: number; p99Ms: number; maxMs: number };
}

/**
 * The pipeline running, then (1) the cohort appended in 10 000-event transactions: events from
 * the first append until the last is queryable; (2) `paced.rate` appends a second of a second
 * organization, one append at a time like the api: time from each append's acknowledgement
 * until a query sees it (freshness).
 */
export async function pipelineRun(options: {
  mode: PipelineMode;
  workDir: string;
  openDatabase: (name: string) => Promise<AnalyticsStore>;
  database: string;
  cohort: CohortOptions;
  paced: { cohort: CohortOptions; rate: number; seconds: number };
}): Promise<PipelineFigures> {
  const store = new SqliteEventStore({ path: join(options.workDir, `${options.database}.events.db`) });
  const analytics = await options.openDatabase(options.database);
  await migrate(analytics);
  // The poller reads through connections of its own, as a dashboard would, not the projector's.
  const reader = await options.openDatabase(options.database);
  const seen = visibility(reader);
  const pipeline = await startPipeline(options.mode, store, analytics, join(options.workDir, options.database));
  try {
    // Warm-up: one event through, so a Kafka consumer has joined its group before the clock runs.
    const warm = cohortAppends(options.paced.cohort);
    const first = warm.next().value!;
    await seen.whenVisible((await store.append(first.stream, first.events, 'any')).position);

    // Generated before the clock starts: generating is the bench's work, appending is the pipeline's.
    const appends = [...cohortAppends(options.cohort)];
    const busyBefore = pipeline.projectorBusyMs();
    const storeBefore = pipeline.storeMs();
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    // The longest the JS thread was held at once during the run (what an api request would wait behind).
    const loopDelay = monitorEventLoopDelay({ resolution: 1 });
    loopDelay.enable();
    // CLOCK_MONOTONIC in µs, the clock of a V8 .cpuprofile's samples: the run's window in a --cpu-prof profile.
    const monotonicFromUs = Number(process.hrtime.bigint() / 1000n);
    const started = performance.now();
    const head = await appendInTransactions(store, appends, 10_000);
    const visibleAt = await seen.whenVisible(head);
    const seconds = (visibleAt - started) / 1000;
    const projectorBusy = (pipeline.projectorBusyMs() - busyBefore) / (visibleAt - started);
    const events = appends.reduce((n, a) => n + a.events.length, 0);
    const storeAfter = pipeline.storeMs();
    const storeMs = Object.fromEntries(Object.entries(storeAfter).map(([k, v]) => [k, Math.round(v - storeBefore[k as keyof typeof storeBefore])]));
    // The process's CPU (every thread: JS, chDB's, SQLite's writer) and the JS thread's own
    // utilization over the run: how much of the two cores the pipeline used, and whether the JS
    // thread or the engine's threads are what it waits for.
    const cpu = process.cpuUsage(cpuBefore);
    const loop = performance.eventLoopUtilization(loopBefore);
    loopDelay.disable();
    const eventLoopDelayMs = { p99: Math.round(loopDelay.percentile(99) / 1e5) / 10, max: Math.round(loopDelay.max / 1e5) / 10 };
    console.log('  projector during the append run', JSON.stringify({ busyMs: Math.round(pipeline.projectorBusyMs() - busyBefore), wallMs: Math.round(visibleAt - started), processCpuMs: Math.round((cpu.user + cpu.system) / 1000), jsThreadBusy: Math.round(loop.utilization * 100) / 100, eventLoopDelayMs, storeMs, monotonicUs: [monotonicFromUs, Number(process.hrtime.bigint() / 1000n)] }));

    const freshness: number[] = [];
    const pending: Promise<void>[] = [];
    const pacedStart = performance.now();
    let paced = 0;
    for (const append of warm) {
      const due = pacedStart + (paced * 1000) / options.paced.rate;
      if (due > pacedStart + options.paced.seconds * 1000) break;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      paced++;
      pending.push(
        store.append(append.stream, append.events, 'any').then(async (result) => {
          const acknowledged = performance.now();
          freshness.push((await seen.whenVisible(result.position)) - acknowledged);
        }),
      );
    }
    await Promise.all(pending);
    const sorted = Float64Array.from(freshness).sort();
    return {
      events,
      seconds,
      eventsPerSecond: events / seconds,
      projectorBusy,
      freshness: { appends: paced, appendsPerSecond: paced / options.paced.seconds, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), maxMs: sorted.at(-1) ?? NaN },
    };
  } finally {
    await pipeline.stop();
    await seen.stop();
    await reader.close();
    await analytics.close();
    await closeEventStore(store);
    await dropDatabase(options.openDatabase, options.database);
  }
}
