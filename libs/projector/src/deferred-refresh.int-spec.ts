import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import type { RecordedEvent } from '#libs/events';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { ids, recorded, sampleLog } from './testing/index.js';
import { derivedTables } from './derived/derived-tables.js';
import { migrate } from './migrate.js';
import { derivedTablesPosition, readProjectionPositions } from './positions.js';
import { Projector } from './projector.js';

// chDB: one live data path per process, so one temp directory for this file and a database per store.
const path = mkdtempSync(join(tmpdir(), 'deferred-refresh-int-'));
const opened: AnalyticsStore[] = [];
let counter = 0;
const deadLetters = new InMemoryDeadLetterSink({ log: () => undefined });
/** Longer than any test: only the first batch after a quiet spell (or flushDerived) refreshes. */
const NEVER_MS = 3_600_000;

async function freshStore(): Promise<AnalyticsStore> {
  const store = await openChdbAnalyticsStore({ path, database: `deferred_${++counter}`, readers: 1 });
  opened.push(store);
  await migrate(store);
  return store;
}

const deferring = (store: AnalyticsStore, intervalMs = NEVER_MS) => new Projector(store, { deadLetters, derivedRefresh: { intervalMs } });

/** The derived tables as a query sees them; `version` is the refresh's wall clock, so left out. */
async function derivedRows(store: AnalyticsStore): Promise<Record<string, string[]>> {
  const rows: Record<string, string[]> = {};
  for (const { table } of derivedTables) {
    const all = await store.query<Record<string, unknown>>(`SELECT * EXCEPT (version) FROM ${table} FINAL`, {});
    rows[table] = all.map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}

/** What a projector that refreshes in every batch's write makes of the same batches. */
async function cleanReplay(batches: readonly (readonly RecordedEvent[])[]): Promise<Record<string, string[]>> {
  const store = await freshStore();
  const projector = new Projector(store, { deadLetters });
  for (const batch of batches) await projector.handleBatch(batch);
  return derivedRows(store);
}

async function recordedDerivedPosition(store: AnalyticsStore): Promise<bigint | undefined> {
  return (await readProjectionPositions(store)).find((p) => p.projection === derivedTablesPosition.name)?.position;
}

const log = sampleLog();
// Up to Alice's first questionnaire; the rest records, voids and rescores measures of both participants.
const firstMeasure = log.findIndex((e) => e.type === 'MeasureRecorded');
const first = log.slice(0, firstMeasure + 1);
const rest = log.slice(firstMeasure + 1);

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  rmSync(path, { recursive: true, force: true });
});

describe('Projector with a deferred derived-table refresh', () => {
  it('brings the derived tables to a clean replay after a stop between a batch (position recorded) and its refresh', async () => {
    const store = await freshStore();
    const stopped = deferring(store);
    await stopped.handleBatch(first);
    await stopped.flushDerived();
    await stopped.handleBatch(rest);
    // The process "stops" here: the rows and positions of `rest` are written, its refresh is not.
    const replay = await cleanReplay([log]);
    expect(await derivedRows(store)).not.toEqual(replay);
    expect(stopped.position()).toBe(first.at(-1)!.position);
    expect(await recordedDerivedPosition(store)).toBe(first.at(-1)!.position);

    const restarted = deferring(store);
    expect(await restarted.restorePosition()).toBe(log.at(-1)!.position);
    expect(await derivedRows(store)).toEqual(replay);
    expect(await recordedDerivedPosition(store)).toBe(log.at(-1)!.position);
  });

  it('refreshes the participants of several batches at once, as refreshing each batch would', async () => {
    const store = await freshStore();
    const projector = deferring(store);
    const batches = [first, rest.slice(0, 3), rest.slice(3, 7), rest.slice(7)];
    await projector.handleBatch(batches[0]!);
    await projector.flushDerived();
    for (const batch of batches.slice(1)) await projector.handleBatch(batch);
    expect(projector.position()).toBe(first.at(-1)!.position);
    await projector.flushDerived();
    expect(projector.position()).toBe(log.at(-1)!.position);
    expect(await recordedDerivedPosition(store)).toBe(log.at(-1)!.position);
    expect(await derivedRows(store)).toEqual(await cleanReplay(batches));
  });

  it('leaves out a participant erased while their refresh was waiting', async () => {
    const store = await freshStore();
    const projector = deferring(store);
    const erasure = recorded('ParticipantErased', { participantId: ids.alice, programId: ids.program, erasedAt: '2026-05-01T10:00:00Z' }, 9000);
    await projector.handleBatch(first);
    await projector.flushDerived();
    await projector.handleBatch(rest); // Alice's derived rows are stale and wait
    await projector.handleBatch([erasure]);
    await projector.flushDerived();
    const rows = await derivedRows(store);
    for (const table of Object.keys(rows)) expect(rows[table]!.filter((r) => r.includes(ids.alice))).toEqual([]);
    expect(rows[derivedTables[0].table]!.some((r) => r.includes(ids.bob))).toBe(true);
    expect(rows).toEqual(await cleanReplay([first, rest, [erasure]]));
    expect(projector.position()).toBe(9000n);
  });

  it('refreshes on its own once the interval has passed, and then reports the position', async () => {
    const store = await freshStore();
    const projector = deferring(store, 20);
    const refreshed = new Promise<void>((resolve) => projector.onRefreshed(resolve));
    await projector.handleBatch(log);
    await refreshed;
    expect(projector.position()).toBe(log.at(-1)!.position);
    expect(await derivedRows(store)).toEqual(await cleanReplay([log]));
  });

  it('holds the refresh while the log is far ahead of the batch (a catch-up) and refreshes after the batch that reaches its head', async () => {
    const store = await freshStore();
    let head = log.at(-1)!.position + 5000n;
    const projector = new Projector(store, { deadLetters, derivedRefresh: { intervalMs: 10, maxIntervalMs: NEVER_MS }, logHead: async () => head });
    const refreshedAt: bigint[] = [];
    projector.onRefreshed(() => refreshedAt.push(projector.position()));
    await projector.handleBatch(first);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Ten intervals later: still waiting, as the rows are written and more of the log waits behind them.
    expect(refreshedAt).toEqual([]);
    expect(projector.position()).toBe(0n);

    head = log.at(-1)!.position;
    const refreshed = new Promise<void>((resolve) => projector.onRefreshed(resolve));
    await projector.handleBatch(rest);
    await refreshed;
    expect(refreshedAt).toEqual([log.at(-1)!.position]);
    expect(await derivedRows(store)).toEqual(await cleanReplay([first, rest]));
  });

  it('judges a catch-up by the backlog the transport reports, before the log head', async () => {
    const store = await freshStore();
    // The head says caught up; the transport (Kafka's lag) says 5,000 events wait: the backlog decides.
    const projector = new Projector(store, { deadLetters, derivedRefresh: { intervalMs: 10, maxIntervalMs: NEVER_MS }, logHead: async () => log.at(-1)!.position });
    const refreshedAt: bigint[] = [];
    projector.onRefreshed(() => refreshedAt.push(projector.position()));
    await projector.handleBatch(first, { backlog: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(refreshedAt).toEqual([]);

    const refreshed = new Promise<void>((resolve) => projector.onRefreshed(resolve));
    await projector.handleBatch(rest, { backlog: 0 });
    await refreshed;
    expect(refreshedAt).toEqual([log.at(-1)!.position]);
    expect(await derivedRows(store)).toEqual(await cleanReplay([first, rest]));
  });

  it('records the derived position with the batch when nothing is stale and nothing waits', async () => {
    const store = await freshStore();
    const projector = deferring(store);
    const programOnly = log.slice(0, 2); // ProgramCreated, GroupCreated: no participant
    await projector.handleBatch(programOnly);
    expect(projector.position()).toBe(programOnly.at(-1)!.position);
    expect(await recordedDerivedPosition(store)).toBe(programOnly.at(-1)!.position);
  });
});
