/**
 * What the derived-table refresh costs the embedded projector on a large database, and what the
 * deferred refresh (Projector `derivedRefresh`) saves there: the tail of an existing DATA_DIR's
 * log (by default the 1 M-event one of dashboard-endpoints.js) goes again through a Projector into
 * a copy of its chDB data (re-projected events rewrite the same keyed rows, so every table keeps
 * its size and the refresh statements read what they read in production).
 *   --mode=catch-up  batches of --batch events back to back (a restart behind the head);
 *   --mode=stream    a batch of rate/4 events every 250 ms (the relay's maxWaitMs under the api's
 *                    write load), each handed over once the previous call resolved, for --seconds.
 * --refresh-ms=0 refreshes in every batch's write (as before); > 0 defers (the api's 500), taking at most
 *   --max-share of the time (the api's 0.25; 1 = the interval alone).
 * Prints wall and process CPU time, store time per kind of call, and in stream mode the lag from
 * a batch's hand-off until position() reached it (rows and derived tables queryable), p50/p99.
 * Run: npm run build && node dist/bench/pipeline-scale.js --data=.tmp/bench-data/1m --mode=stream --refresh-ms=500
 * Not a test.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { migrate, Projector } from '#libs/projector';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { percentile } from './load.js';
import { machine } from './machine.js';

const { values: args } = parseArgs({
  options: {
    data: { type: 'string', default: '.tmp/bench-data/1m' },
    mode: { type: 'string', default: 'stream' },
    events: { type: 'string', default: '60000' },
    batch: { type: 'string', default: '20000' },
    rate: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '30' },
    rows: { type: 'string', default: '10000' },
    'refresh-ms': { type: 'string', default: '500' },
    // The deferred refresh's bound on its share of the time (the api's 0.25; 1 = the interval alone).
    'max-share': { type: 'string', default: '0.25' },
  },
});
const round = (n: number) => Math.round(n * 10) / 10;
const refreshMs = Number(args['refresh-ms']);
const stream = args.mode === 'stream';
const wanted = stream ? Math.ceil((Number(args.rate) * Number(args.seconds)) / 4) * 4 : Number(args.events);

console.log('machine', JSON.stringify(machine()), JSON.stringify(args));
const log = new SqliteEventStore({ path: join(args.data, 'events.db') });
const head = await log.headPosition();
const events = await log.readAll({ after: head > BigInt(wanted) ? head - BigInt(wanted) : 0n, limit: wanted });
await log.close();
const workDir = mkdtempSync(join(tmpdir(), 'bench-scale-'));
try {
  const copyStarted = performance.now();
  cpSync(join(args.data, 'analytics'), join(workDir, 'analytics'), { recursive: true });
  console.log('copied chDB data', JSON.stringify({ ms: Math.round(performance.now() - copyStarted), events: events.length }));
  const analytics = await openChdbAnalyticsStore({ path: join(workDir, 'analytics'), database: 'analytics' });
  // A DATA_DIR built before the derived tables: their migrations compute them once (not timed).
  const migrateStarted = performance.now();
  const applied = await migrate(analytics);
  if (applied.length > 0) console.log('migrated', JSON.stringify({ applied, ms: Math.round(performance.now() - migrateStarted) }));
  const timed = timedStore(analytics);
  const projector = new Projector(timed.store, {
    deadLetters: new InMemoryDeadLetterSink({ log: (line) => console.warn(line) }),
    maxRowsPerInsert: Number(args.rows),
    ...(refreshMs > 0 ? { derivedRefresh: { intervalMs: refreshMs, maxShare: Number(args['max-share']) } } : {}),
  });
  // No restorePosition: the store's recorded positions are the head, above the events replayed here.
  let refreshes = 0;
  projector.onRefreshed(() => refreshes++);
  const load = [loadavg()[0]!];
  const cpu = process.cpuUsage();
  const started = performance.now();
  const lags = stream ? await runStream(projector, Number(args.rate)) : await runCatchUp(projector, Number(args.batch));
  await projector.flushDerived();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  load.push(loadavg()[0]!);
  const processCpuMs = (used.user + used.system) / 1000;
  console.log(
    'result',
    JSON.stringify({
      mode: args.mode,
      refreshMs,
      maxShare: Number(args['max-share']),
      loadAverage1m: load,
      events: events.length,
      wallMs: Math.round(wallMs),
      eventsPerSecond: Math.round(events.length / (wallMs / 1000)),
      processCpuMs: Math.round(processCpuMs),
      cpuMsPer1000Events: round((processCpuMs / events.length) * 1000),
      deferredRefreshes: refreshes,
      storeMs: Object.fromEntries(Object.entries(timed.ms).map(([k, v]) => [k, Math.round(v)])),
      ...(lags.length > 0 ? { queryableLagMs: lagFigures(lags) } : {}),
    }),
  );
  await analytics.close();
} finally {
  rmSync(workDir, { recursive: true, force: true });
}

function lagFigures(lags: number[]) {
  const sorted = Float64Array.from(lags).sort();
  return { batches: sorted.length, p50: round(percentile(sorted, 50)), p99: round(percentile(sorted, 99)), max: round(sorted[sorted.length - 1]!) };
}

async function runCatchUp(projector: Projector, batch: number): Promise<number[]> {
  for (let start = 0; start < events.length; start += batch) await projector.handleBatch(events.slice(start, start + batch));
  return [];
}

/** A batch every 250 ms (or when the previous call resolved, if later); the lag of each batch until position() reached it. */
async function runStream(projector: Projector, rate: number): Promise<number[]> {
  const perBatch = Math.max(1, Math.round(rate / 4));
  const lags: number[] = [];
  const waiting: { position: bigint; at: number }[] = [];
  const check = () => {
    const now = performance.now();
    for (let i = waiting.length - 1; i >= 0; i--) if (waiting[i]!.position <= projector.position()) lags.push(now - waiting.splice(i, 1)[0]!.at);
  };
  projector.onRefreshed(check);
  const began = performance.now();
  for (let start = 0, n = 0; start < events.length; start += perBatch, n++) {
    const due = began + n * 250;
    if (due > performance.now()) await new Promise((r) => setTimeout(r, due - performance.now()));
    const batch = events.slice(start, start + perBatch);
    waiting.push({ position: batch.at(-1)!.position, at: due });
    await projector.handleBatch(batch);
    check();
  }
  await projector.flushDerived();
  check();
  return lags;
}

/** The store as the projector sees it, timing each call. */
function timedStore(inner: AnalyticsStore) {
  const ms = { insert: 0, query: 0, command: 0 };
  const time = async <T>(kind: keyof typeof ms, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    try {
      return await work();
    } finally {
      ms[kind] += performance.now() - t;
    }
  };
  const store = Object.assign(Object.create(inner) as AnalyticsStore, {
    insert: (table: string, rows: readonly object[]) => time('insert', () => inner.insert(table, rows)),
    query: <T>(sql: string, params: Record<string, unknown>) => time('query', () => inner.query<T>(sql, params)),
    command: (sql: string, params?: Record<string, unknown>) => time('command', () => inner.command(sql, params)),
  });
  return { store, ms };
}
