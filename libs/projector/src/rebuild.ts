import type { AnalyticsStore } from '#libs/analytics-store';
import type { RecordedEvent } from '#libs/events';
import type { DeadLetterSink } from '#libs/pipeline';
import { migrate } from './migrate.js';
import { Projector } from './projector.js';
import { tables } from './tables.js';

/** What the rebuild reads: the whole log in global order, in pages (an EventStore fits). */
export interface EventLog {
  readAll(options: { after?: bigint; limit?: number }): Promise<RecordedEvent[]>;
}

export interface RebuildOptions {
  /** The store queries read from; its database gets the rebuilt tables. */
  readonly live: AnalyticsStore;
  readonly log: EventLog;
  /** Opens a store whose unqualified names resolve in `database` (the Projector writes unqualified names). */
  readonly openDatabase: (database: string) => Promise<AnalyticsStore>;
  readonly deadLetters: DeadLetterSink;
  /**
   * Holds the live projector still (embedded mode: PausableConsumer.pause). Without it (a
   * projector in another process) the events appended up to the swap are projected again into
   * the swapped tables after it, which is harmless: every row is keyed.
   */
  readonly pauseLive?: () => Promise<() => void>;
  /** Runs after the swap, before the live projector resumes (e.g. Projector.restorePosition). */
  readonly afterSwap?: () => Promise<void>;
  /** Events read and projected per batch. Default 2000. */
  readonly batchSize?: number;
  /**
   * Share of the wall time the replay of the whole log may take, 0 < share ≤ 1: after each batch
   * it pauses `batch time × (1/share − 1)`. Default 1 (as fast as it can: a process of its own).
   * In embedded mode the replay runs on the api's event loop and competes with it for the two
   * cores, so the api passes less to keep its write latency during a rebuild near the idle one
   * (docs/benchmarks.md, projection pipeline). Catching up and the swap are not throttled: the
   * live projector is held still meanwhile.
   */
  readonly shareOfTime?: number;
  /**
   * A batch is read in pages of at most this many events, with a turn of the event loop between
   * them: a SQLite read is synchronous (~24 ms for 5,000 events, ~5 ms for 1,000 on the bench
   * machine) and in embedded mode the api waits meanwhile. Default 1000.
   */
  readonly readPageSize?: number;
  readonly maxRowsPerInsert?: number;
  /** The deployment's table engine (migrate's `engine`). */
  readonly engine?: string;
  /** Default: Date.now; names the build database `<db>_rebuild_<n>`. */
  readonly now?: () => number;
  readonly onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildProgress {
  readonly phase: 'building' | 'catching-up' | 'swapping' | 'done';
  /** Last global position projected into the new tables. */
  readonly position: bigint;
  readonly events: number;
}

export interface RebuildResult {
  readonly database: string;
  readonly position: bigint;
  readonly events: number;
  readonly tables: readonly string[];
}

/**
 * While building, the derived tables are refreshed for many batches at once (Projector
 * `derivedRefresh`) and completely before catching up: a refresh costs about the same for a few
 * keys as for thousands (each reads most granules of its sources with FINAL), and per batch a
 * replay of 1 M events made ~500 of them. Catching up (the live projector held still) refreshes
 * per batch, so the swapped tables are complete.
 */
const BUILDING_DERIVED_REFRESH = { intervalMs: 10_000, maxWaiting: 100_000 };

/** Every table the Projector writes, swapped one by one (identical schemas: the same migrations). */
export const swappedTables: readonly string[] = Object.values(tables);

/**
 * Replays the whole log into fresh tables and swaps them in (issue 5 "Rebuild"):
 * 1. migrate a new database `<db>_rebuild_<n>` (leftovers of a crashed rebuild are dropped first);
 * 2. project every event from position 0 into it, in bounded batches — queries keep reading the
 *    current tables meanwhile;
 * 3. pause the live projector (if possible), catch up to the head again;
 * 4. `EXCHANGE TABLES live.t AND new.t` per table (atomic per table on Atomic databases,
 *    https://clickhouse.com/docs/sql-reference/statements/exchange);
 * 5. without a pause, project what was appended meanwhile into the swapped tables;
 * 6. drop the build database, which now holds the old tables.
 * Between two exchanges a query may join a new table with an old one; both hold every event up
 * to the live projector's position, so such a query is at most as stale as before.
 */
export async function rebuildProjections(options: RebuildOptions): Promise<RebuildResult> {
  const { live } = options;
  const database = `${live.database}_rebuild_${(options.now ?? Date.now)()}`;
  await dropLeftovers(live);
  await migrate(live, { database, ...(options.engine ? { engine: options.engine } : {}) });
  const target = await options.openDatabase(database);
  let position = 0n;
  let events = 0;
  const report = (phase: RebuildProgress['phase']) => options.onProgress?.({ phase, position, events });
  const share = Math.min(1, Math.max(0.01, options.shareOfTime ?? 1));
  const projectInto = async (store: AnalyticsStore, phase: RebuildProgress['phase']) => {
    const projector = new Projector(store, {
      deadLetters: options.deadLetters,
      ...(options.maxRowsPerInsert ? { maxRowsPerInsert: options.maxRowsPerInsert } : {}),
      ...(phase === 'building' ? { derivedRefresh: BUILDING_DERIVED_REFRESH } : {}),
    });
    for (;;) {
      const started = performance.now();
      const batch = await readBatch(options.log, position, options.batchSize ?? 2000, options.readPageSize ?? 1000);
      if (batch.length === 0) return projector.flushDerived();
      await projector.handleBatch(batch);
      position = batch[batch.length - 1]!.position;
      events += batch.length;
      report(phase);
      // Let the api answer between batches (in embedded mode chDB runs on this event loop), and
      // while building, leave it the rest of the time.
      const pauseMs = phase === 'building' ? (performance.now() - started) * (1 / share - 1) : 0;
      await (pauseMs >= 1 ? new Promise((resolve) => setTimeout(resolve, pauseMs)) : new Promise((resolve) => setImmediate(resolve)));
    }
  };
  try {
    await projectInto(target, 'building');
    const resume = options.pauseLive ? await options.pauseLive() : null;
    try {
      await projectInto(target, 'catching-up');
      report('swapping');
      for (const table of swappedTables) await live.command(`EXCHANGE TABLES ${live.database}.${table} AND ${database}.${table}`);
      if (!resume) await projectInto(live, 'catching-up');
      await options.afterSwap?.();
    } finally {
      resume?.();
    }
  } finally {
    await target.close();
  }
  await live.command(`DROP DATABASE IF EXISTS ${database} SYNC`);
  report('done');
  return { database, position, events, tables: swappedTables };
}

/** Up to `size` events after `after`, read in pages of at most `page` with a turn of the event loop between them. */
async function readBatch(log: EventLog, after: bigint, size: number, page: number): Promise<RecordedEvent[]> {
  const batch: RecordedEvent[] = [];
  while (batch.length < size) {
    const limit = Math.min(page, size - batch.length);
    const events = await log.readAll({ after: batch.at(-1)?.position ?? after, limit });
    batch.push(...events);
    if (events.length < limit) break; // the end of the log
    await new Promise((resolve) => setImmediate(resolve));
  }
  return batch;
}

async function dropLeftovers(live: AnalyticsStore): Promise<void> {
  const leftovers = await live.query<{ name: string }>(`SELECT name FROM system.databases WHERE startsWith(name, {prefix:String})`, { prefix: `${live.database}_rebuild_` });
  for (const { name } of leftovers) {
    if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) await live.command(`DROP DATABASE IF EXISTS ${name} SYNC`);
  }
}
