/**
 * Loads a generated organization straight into an embedded DATA_DIR, as the api would have
 * left it: the SQLite event log (DATA_DIR/events.db), chDB's tables (DATA_DIR/analytics,
 * database `analytics`) through the Projector, and the checkpoints (DATA_DIR/checkpoints) at
 * the head so neither the relay nor the alerts reactor redoes the work at start-up.
 * Run in its own process (chDB allows one data path per process and locks it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { FileCheckpointStore, InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { migrate, Projector } from '#libs/projector';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { cohortAppends, type CohortOptions, writeCohortEvents } from '#libs/synthetic';

export const BENCH_TODAY = '2026-11-26';

/** Cohort knobs for about `events` events: 2 programs, 10 members, 52 weeks, groups scaled (measured on a sample). */
export function cohortFor(events: number, seed = 2026): CohortOptions {
  const sample: CohortOptions = { seed, org: 'bench', today: BENCH_TODAY, programs: 2, groupsPerProgram: 8, weeks: 52, membersPerGroup: 10 };
  let sampleEvents = 0;
  for (const append of cohortAppends(sample)) sampleEvents += append.events.length;
  const perGroup = sampleEvents / (sample.programs * sample.groupsPerProgram);
  return { ...sample, groupsPerProgram: Math.max(1, Math.round(events / perGroup / sample.programs)) };
}

export interface BuildResult {
  readonly options: CohortOptions;
  readonly events: number;
  readonly head: string;
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly cpuSeconds: number;
  readonly eventsPerCpuSecond: number;
  readonly deadLetters: number;
}

export async function buildDataDir(dataDir: string, options: CohortOptions, log: (line: string) => void): Promise<BuildResult> {
  mkdirSync(dataDir, { recursive: true });
  const eventStore = new SqliteEventStore({ path: join(dataDir, 'events.db') });
  const analytics = await openChdbAnalyticsStore({ path: join(dataDir, 'analytics'), database: 'analytics', readers: 1 });
  await migrate(analytics);
  const deadLetters = new InMemoryDeadLetterSink({ log });
  // Big inserts: nothing else shares this event loop.
  const projector = new Projector(analytics, { deadLetters, maxRowsPerInsert: 100_000 });
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  let lastLog = started;
  const progress = await writeCohortEvents(options, {
    eventStore,
    // Through the Projector, 20 000 events per batch. Its per-table grouping copies the row list
    // once per row (O(n²) in the batch: 15 % of the build's CPU at this size, docs/benchmarks.md);
    // much smaller batches move the time into per-insert overhead instead.
    project: projector.handleBatch,
    batchEvents: 20_000,
    onProgress: (p) => {
      if (performance.now() - lastLog < 10_000) return;
      lastLog = performance.now();
      log(`  ${p.events} events, ${Math.round(p.events / ((lastLog - started) / 1000))}/s`);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  // CPU of this process (JS, SQLite, chDB's threads): what contention on a shared machine does not inflate.
  const cpu = process.cpuUsage(cpuAtStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  // Checkpoint format: libs/in-process-pipeline FileCheckpointStore (`<name>.json`, position as a decimal string).
  const checkpoints = new FileCheckpointStore({ directory: join(dataDir, 'checkpoints') });
  await checkpoints.save('relay', progress.head);
  await checkpoints.save('alerts-reactor', progress.head);
  await eventStore.close();
  await analytics.close();
  const result = { options, events: progress.events, head: progress.head.toString(), seconds, eventsPerSecond: Math.round(progress.events / seconds), cpuSeconds, eventsPerCpuSecond: Math.round(progress.events / cpuSeconds), deadLetters: deadLetters.count() };
  writeFileSync(join(dataDir, 'bench-build.json'), JSON.stringify(result, null, 2));
  return result;
}

