import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGroupCohesion, runOutcomes, runParticipantTimeline, runProgramAttendance, runRetention } from '#libs/analytics';
import type { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import type { NewEvent, RecordedEvent } from '#libs/events';
import { InMemoryDeadLetterSink, InProcessPipeline } from '#libs/in-process-pipeline';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { ids, sampleLog } from './testing/index.js';
import { migrate } from './migrate.js';
import { PausableConsumer } from './pausable-consumer.js';
import { Projector } from './projector.js';
import { rebuildProjections, type RebuildProgress } from './rebuild.js';
import { tables } from './tables.js';

// chDB: one live data path per process; one directory for this file, a database per scenario.
const dir = mkdtempSync(join(tmpdir(), 'rebuild-int-'));
const opened: AnalyticsStore[] = [];
let log: SqliteEventStore;
const deadLetters = new InMemoryDeadLetterSink({ log: () => undefined });

async function open(database: string): Promise<AnalyticsStore> {
  const store = await openChdbAnalyticsStore({ path: join(dir, 'chdb'), database, readers: 1 });
  opened.push(store);
  return store;
}

/** sampleLog() of organization `org-<k>`: the same facts, fresh event ids. */
function orgLog(k: number): NewEvent[] {
  return sampleLog().map((e, i) => ({
    eventId: `00000000-0000-4000-8${String(k).padStart(3, '0')}-${String(i).padStart(12, '0')}`,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: { ...e.metadata, org: `org-${k}` },
  }));
}

async function appendOrg(k: number): Promise<RecordedEvent[]> {
  const result = await log.append(`sample-org-${k}`, orgLog(k), 'any');
  const count = orgLog(k).length;
  return log.readAll({ after: result.position - BigInt(count), limit: count });
}

async function projectAll(store: AnalyticsStore, batch: number): Promise<void> {
  const projector = new Projector(store, { deadLetters });
  for (let after = 0n; ; ) {
    const events = await log.readAll({ after, limit: batch });
    if (events.length === 0) return;
    await projector.handleBatch(events);
    after = events[events.length - 1]!.position;
  }
}

/** What the dashboards see: every table's count with FINAL and a few of libs/analytics' queries. */
async function results(store: AnalyticsStore, orgs: number[]) {
  const counts: Record<string, string> = {};
  for (const table of Object.values(tables)) {
    if (table === tables.projectionPositions) continue; // updated_at differs; positions are compared on their own
    const [row] = await store.query<{ c: string }>(`SELECT count() AS c FROM ${table} FINAL`, {});
    counts[table] = row!.c;
  }
  const perOrg = [];
  for (const k of orgs) {
    const org = `org-${k}`;
    perOrg.push({
      outcomes: await runOutcomes(store, { org, programId: ids.program, instrument: 'PHQ-9' }),
      retention: await runRetention(store, { org, programId: ids.program, today: '2026-07-01' }),
      cohesion: await runGroupCohesion(store, { org, groupId: ids.group }),
      attendance: await runProgramAttendance(store, { org, programId: ids.program }),
      timeline: await runParticipantTimeline(store, { org, participantId: ids.alice }),
    });
  }
  return { counts, perOrg };
}

async function position(store: AnalyticsStore): Promise<string> {
  const [row] = await store.query<{ p: string }>(`SELECT min(p) AS p FROM (SELECT max(position) AS p FROM ${tables.projectionPositions} GROUP BY projection_name)`, {});
  return row!.p;
}

async function databases(store: AnalyticsStore, prefix: string): Promise<string[]> {
  const rows = await store.query<{ name: string }>(`SELECT name FROM system.databases WHERE startsWith(name, {prefix:String}) ORDER BY name`, { prefix });
  return rows.map((r) => r.name);
}

beforeAll(async () => {
  log = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
  for (let k = 1; k <= 12; k++) await appendOrg(k);
});

afterAll(async () => {
  for (const store of opened) await store.close();
  await log.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('rebuildProjections (real chDB, real SQLite log)', () => {
  it('swaps in tables that give the same query results as the incremental ones, and drops rows the log does not produce', async () => {
    const live = await open('rb_live');
    await migrate(live);
    await projectAll(live, 7);
    const incremental = await results(live, [1, 5, 12]);
    // A row no event produced: only a real replay and swap removes it.
    await live.insert(tables.programs, [{ org: 'org-stray', program_id: 'p', name: 'stray', part2: 0, time_zone: 'UTC', planned_weeks: 1, event_id: 'e', created_at: '2026-01-01 00:00:00.000', version: 1 }]);
    expect((await results(live, [])).counts['programs']).toBe('13');

    const phases = new Set<RebuildProgress['phase']>();
    const result = await rebuildProjections({ live, log, openDatabase: open, deadLetters, batchSize: 50, onProgress: (p) => phases.add(p.phase) });

    expect(await results(live, [1, 5, 12])).toEqual(incremental);
    expect(result.events).toBe(12 * sampleLog().length);
    expect(await position(live)).toBe((await log.readAll({})).at(-1)!.position.toString());
    expect([...phases]).toEqual(expect.arrayContaining(['building', 'swapping', 'done']));
    expect(await databases(live, 'rb_live_rebuild_')).toEqual([]);
  });

  it('reads batches in pages and, throttled to a share of the time, gives the same results', async () => {
    const live = await open('rb_paged');
    await migrate(live);
    await projectAll(live, 7);
    const incremental = await results(live, [1, 12]);
    const limits: number[] = [];
    const batches: number[] = [];
    const paged = { readAll: (options: { after?: bigint; limit?: number }) => (limits.push(options.limit!), log.readAll(options)) };
    let done = 0;
    await rebuildProjections({
      live,
      log: paged,
      openDatabase: open,
      deadLetters,
      batchSize: 50,
      readPageSize: 7,
      shareOfTime: 0.5,
      onProgress: (p) => p.phase === 'building' && (batches.push(p.events - done), (done = p.events)),
    });
    expect(Math.max(...limits)).toBe(7);
    expect(batches.slice(0, -1).every((n) => n === 50)).toBe(true);
    expect(await results(live, [1, 12])).toEqual(incremental);
  });

  it('keeps answering reads during the rebuild; events appended during it (relayed live) are in the swapped tables', async () => {
    const live = await open('rb_paused');
    await migrate(live);
    await projectAll(live, 100);
    const pipeline = new InProcessPipeline({ maxBatchSize: 10 });
    const consumer = new PausableConsumer(pipeline);
    const liveProjector = new Projector(live, { deadLetters });
    const stop = new AbortController();
    const running = consumer.run(liveProjector.handleBatch, stop.signal);

    const readsDuringRebuild: string[] = [];
    const relayed: Promise<void>[] = [];
    let pauses = 0;
    await rebuildProjections({
      live,
      log,
      openDatabase: open,
      deadLetters,
      batchSize: 40,
      pauseLive: () => (pauses++, consumer.pause()),
      afterSwap: async () => void (await liveProjector.restorePosition()),
      onProgress: (p) => {
        if (p.phase !== 'building' || relayed.length > 0) return;
        // A read while the new tables fill: the current tables answer with everything so far.
        relayed.push(live.query<{ c: string }>(`SELECT count() AS c FROM ${tables.measures} FINAL`, {}).then(([row]) => void readsDuringRebuild.push(row!.c)));
        // Two organizations appended mid-rebuild and handed to the live projector like the relay would.
        relayed.push(appendOrg(13).then((events) => pipeline.publish(events)));
        relayed.push(appendOrg(14).then((events) => pipeline.publish(events)));
      },
    });
    await Promise.all(relayed);
    stop.abort();
    await running;

    expect(readsDuringRebuild).toEqual(['36']);
    expect(pauses).toBe(1);
    const reference = await open('rb_reference');
    await migrate(reference);
    await projectAll(reference, 1000);
    expect(await results(live, [1, 13, 14])).toEqual(await results(reference, [1, 13, 14]));
    expect(liveProjector.position().toString()).toBe(await position(reference));
  });
});
