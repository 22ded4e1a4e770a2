import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AnalyticsStore, type QueryParams, type RawFormat } from '#libs/analytics-store';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { DeadLetterSink } from '#libs/pipeline';
import { ids, recorded, sampleLog } from './testing/index.js';
import { EarlierBatchFailed } from './in-order-writes.js';
import { migrate } from './migrate.js';
import { Projector } from './projector.js';
import { readProjectionPositions } from './positions.js';
import { participantTables, tables } from './tables.js';

class NoDeadLetters extends DeadLetterSink {
  async send(): Promise<void> {
    throw new Error('no dead letters expected');
  }
  count(): number {
    return 0;
  }
}

/** The real chDB store, with every call logged and inserts that a test can hold or fail. */
class WatchedStore extends AnalyticsStore {
  readonly calls: string[] = [];
  /** Inserts wait while this is set (a pending promise). */
  hold: Promise<void> | undefined;
  /** The next insert into this table rejects (once). */
  failNextInsertInto: string | undefined;

  constructor(private readonly inner: AnalyticsStore) {
    super();
  }
  get database(): string {
    return this.inner.database;
  }
  private readonly watchers: { call: string; resolve: () => void }[] = [];

  /** Resolves when a call named `call` (e.g. "insert programs") has started. */
  reached(call: string): Promise<void> {
    if (this.calls.includes(call)) return Promise.resolve();
    return new Promise((resolve) => this.watchers.push({ call, resolve }));
  }

  async insert(table: string, rows: readonly object[]): Promise<void> {
    this.calls.push(`insert ${table}`);
    for (const w of this.watchers.filter((w) => w.call === `insert ${table}`)) w.resolve();
    await this.hold;
    if (this.failNextInsertInto === table) {
      this.failNextInsertInto = undefined;
      throw new Error(`insert into ${table} failed`);
    }
    await this.inner.insert(table, rows);
  }
  query<T>(sql: string, params: QueryParams): Promise<T[]> {
    this.calls.push('query');
    return this.inner.query<T>(sql, params);
  }
  queryRaw(sql: string, params: QueryParams, format: RawFormat): Promise<Buffer> {
    return this.inner.queryRaw(sql, params, format);
  }
  command(sql: string, params?: QueryParams): Promise<void> {
    this.calls.push('command');
    return this.inner.command(sql, params);
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

// chDB: one live data path per process, so one temp directory for this file and a database per test.
const path = mkdtempSync(join(tmpdir(), 'projector-overlap-'));
const opened: AnalyticsStore[] = [];
let counter = 0;

async function fresh(): Promise<{ store: WatchedStore; projector: Projector }> {
  const inner = await openChdbAnalyticsStore({ path, database: `overlap_${++counter}`, readers: 1 });
  opened.push(inner);
  await migrate(inner);
  const store = new WatchedStore(inner);
  return { store, projector: new Projector(store, { deadLetters: new NoDeadLetters() }) };
}

function gate(): { open: () => void; opened: Promise<void> } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/** Lets everything that can run without the held inserts run (projecting yields with setImmediate). */
async function turns(n = 5): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
}

async function recordedPosition(store: AnalyticsStore): Promise<bigint | undefined> {
  const positions = await readProjectionPositions(store);
  return positions.length === 0 ? undefined : positions.reduce((min, p) => (p.position < min ? p.position : min), positions[0]!.position);
}

async function participantRows(store: AnalyticsStore, participantId: string): Promise<number> {
  let total = 0;
  for (const table of participantTables) {
    const [row] = await store.query<{ c: string }>(`SELECT count() AS c FROM ${table} WHERE org = {org:String} AND participant_id = {p:String}`, { org: 'org-1', p: participantId });
    total += Number(row!.c);
  }
  return total;
}

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  rmSync(path, { recursive: true, force: true });
});

describe('Projector with overlapping calls', () => {
  const log = sampleLog();
  const [first, second] = [log.slice(0, 10), log.slice(10)];

  it('writes a batch handed over early only after the previous batch was written, and resolves in order', async () => {
    const { store, projector } = await fresh();
    const held = gate();
    store.hold = held.opened;
    const settled: string[] = [];
    const one = projector.handleBatch(first).then(() => settled.push('first'));
    const two = projector.handleBatch(second).then(() => settled.push('second'));
    await store.reached(`insert ${tables.programs}`);
    await turns();
    // The first batch's first insert waits; the second batch has not reached the store at all.
    const insertsWhileHeld = store.calls.filter((c) => c.startsWith('insert'));
    expect(insertsWhileHeld).toHaveLength(1);
    expect(projector.position()).toBe(0n);
    store.hold = undefined;
    held.open();
    await Promise.all([one, two]);
    expect(settled).toEqual(['first', 'second']);
    // Each batch: its rows, then its positions; the second batch's calls all come after the first's positions.
    const positionInserts = store.calls.flatMap((c, i) => (c === `insert ${tables.projectionPositions}` ? [i] : []));
    expect(positionInserts).toHaveLength(2);
    const secondBatchCalls = store.calls.slice(positionInserts[0]! + 1, positionInserts[1]);
    expect(secondBatchCalls.length).toBeGreaterThan(1);
    expect(projector.position()).toBe(log.at(-1)!.position);
    expect(await recordedPosition(store)).toBe(log.at(-1)!.position);
  });

  it("drops a participant's rows from a batch handed over while the batch erasing them was still being written", async () => {
    const { store, projector } = await fresh();
    await projector.handleBatch(log);
    expect(await participantRows(store, ids.alice)).toBeGreaterThan(0);
    const held = gate();
    store.hold = held.opened;
    const erasing = projector.handleBatch([recorded('ParticipantErased', { participantId: ids.alice, programId: ids.program, erasedAt: '2026-05-01T10:00:00Z' }, 1000)]);
    // A late event of the group stream naming Alice, projected before the erasure above was written.
    const late = recorded('AttendanceCorrected', { groupId: ids.group, programId: ids.program, sessionId: ids.session1, date: '2026-03-03', records: [{ participantId: ids.alice, status: 'late' }, { participantId: ids.bob, status: 'present' }] }, 1001);
    const lateBatch = projector.handleBatch([late]);
    await store.reached(`insert ${tables.participantErasures}`);
    await turns();
    store.hold = undefined;
    held.open();
    await Promise.all([erasing, lateBatch]);
    expect(await participantRows(store, ids.alice)).toBe(0);
    const [bob] = await store.query<{ status: string }>(`SELECT status FROM attendance FINAL WHERE org = 'org-1' AND session_id = {s:String} AND participant_id = {p:String}`, { s: ids.session1, p: ids.bob });
    expect(bob?.status).toBe('present');
  });

  it('fails the batches handed over behind a failed insert without writing them or recording their positions', async () => {
    const { store, projector } = await fresh();
    const held = gate();
    store.hold = held.opened;
    store.failNextInsertInto = tables.programs;
    const one = projector.handleBatch(first);
    const two = projector.handleBatch(second);
    const three = projector.handleBatch([recorded('SomethingNew', {}, 999)]);
    await store.reached(`insert ${tables.programs}`);
    await turns();
    store.hold = undefined;
    held.open();
    await expect(one).rejects.toThrow('insert into programs failed');
    await expect(two).rejects.toBeInstanceOf(EarlierBatchFailed);
    await expect(three).rejects.toBeInstanceOf(EarlierBatchFailed);
    // Only the failed insert reached the store: nothing of the batches behind it, no positions.
    expect(store.calls.filter((c) => c.startsWith('insert'))).toEqual([`insert ${tables.programs}`]);
    expect(await recordedPosition(store)).toBeUndefined();
    expect(projector.position()).toBe(0n);

    // The redelivery starts afresh and writes everything.
    await Promise.all([projector.handleBatch(first), projector.handleBatch(second)]);
    expect(projector.position()).toBe(log.at(-1)!.position);
    expect(await recordedPosition(store)).toBe(log.at(-1)!.position);
  });
});
