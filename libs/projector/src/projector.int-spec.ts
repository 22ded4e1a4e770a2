import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import type { RecordedEvent } from '#libs/events';
import { DeadLetterSink, type DeadLetter } from '#libs/pipeline';
import { ids, recorded, sampleLog } from './testing/index.js';
import { migrate } from './migrate.js';
import { Projector } from './projector.js';
import { readProjectionPositions } from './positions.js';
import { participantTables, tables } from './tables.js';

class CollectingSink extends DeadLetterSink {
  readonly letters: DeadLetter[] = [];
  async send(letter: DeadLetter): Promise<void> {
    this.letters.push(letter);
  }
  count(): number {
    return this.letters.length;
  }
}

// chDB: one live data path per process, so one temp directory for this file and a database per test.
const path = mkdtempSync(join(tmpdir(), 'projector-int-'));
const opened: AnalyticsStore[] = [];
let counter = 0;

async function freshStore(): Promise<AnalyticsStore> {
  const store = await openChdbAnalyticsStore({ path, database: `projector_${++counter}`, readers: 1 });
  opened.push(store);
  await migrate(store);
  return store;
}

function projector(store: AnalyticsStore, sink = new CollectingSink(), maxRowsPerInsert?: number) {
  return { projector: new Projector(store, { deadLetters: sink, maxRowsPerInsert, now: () => new Date('2026-03-02T12:00:00Z') }), sink };
}

/** Row count of every table, with FINAL: what a query sees after deduplication. */
async function countsFinal(store: AnalyticsStore): Promise<Record<string, string>> {
  const counts: Record<string, string> = {};
  for (const table of Object.values(tables)) {
    const [row] = await store.query<{ c: string }>(`SELECT count() AS c FROM ${table} FINAL`, {});
    counts[table] = row!.c;
  }
  return counts;
}

/** Rows about one participant in every participant table: as stored (`raw`, duplicates included) or deduplicated (FINAL). */
async function participantRowCount(store: AnalyticsStore, participantId: string, mode: 'raw' | 'final' = 'raw'): Promise<number> {
  let total = 0;
  for (const table of participantTables) {
    const [row] = await store.query<{ c: string }>(`SELECT count() AS c FROM ${table} ${mode === 'final' ? 'FINAL' : ''} WHERE org = {org:String} AND participant_id = {p:String}`, { org: 'org-1', p: participantId });
    total += Number(row!.c);
  }
  return total;
}

const erasure = (participantId: string, position: number): RecordedEvent =>
  recorded('ParticipantErased', { participantId, programId: ids.program, erasedAt: '2026-05-01T10:00:00Z' }, position);

afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  rmSync(path, { recursive: true, force: true });
});

describe('migrate', () => {
  let store: AnalyticsStore;
  beforeAll(async () => {
    store = await freshStore();
  });

  it('is a no-op the second time', async () => {
    expect(await migrate(store)).toEqual([]);
    const applied = await store.query<{ name: string }>('SELECT name FROM schema_migrations FINAL ORDER BY name', {});
    expect(applied.map((r) => r.name)).toEqual(['001_programs_and_groups', '002_memberships_sessions_attendance', '003_participants_consents_erasures', '004_measures', '005_alerts_and_milestones', '006_projection_positions', '007_episode_scores', '008_participant_scores', '009_measures_current', '010_derived_tables_merge_old_parts', '011_session_attendance']);
  });

  it('has the derived tables merge their parts older than an hour into one (010)', async () => {
    const derived = await store.query<{ name: string; engine_full: string }>(
      "SELECT name, engine_full FROM system.tables WHERE database = {db:String} AND name IN ('measures_current', 'episode_scores', 'participant_scores') ORDER BY name",
      { db: store.database },
    );
    expect(derived.map((t) => t.name)).toEqual(['episode_scores', 'measures_current', 'participant_scores']);
    for (const table of derived) expect(table.engine_full).toContain('min_age_to_force_merge_seconds = 3600');
  });

  it('creates exactly the tables the code names, and erasure covers every table with a participant_id', async () => {
    const existing = await store.query<{ name: string }>('SELECT name FROM system.tables WHERE database = {db:String} ORDER BY name', { db: store.database });
    expect(existing.map((r) => r.name)).toEqual([...Object.values(tables), 'schema_migrations'].sort());
    const withParticipant = await store.query<{ table: string }>(
      "SELECT table FROM system.columns WHERE database = {db:String} AND name = 'participant_id' ORDER BY table",
      { db: store.database },
    );
    expect(withParticipant.map((r) => r.table)).toEqual([...participantTables, tables.participantErasures].sort());
  });
});

describe('Projector', () => {
  it('projects the same batch twice with the same query results, in chunks of any size', async () => {
    const store = await freshStore();
    const { projector: p } = projector(store, undefined, 3);
    await p.handleBatch(sampleLog());
    const once = await countsFinal(store);
    await p.handleBatch(sampleLog());
    expect(await countsFinal(store)).toEqual(once);
    expect(once).toMatchObject({ programs: '1', groups: '1', group_facilitators: '2', memberships: '2', sessions: '2', attendance: '2', participants: '2', measures: '3', measure_scores: '4', measure_voids: '1', alerts: '1', alert_acks: '1', milestones: '1', consents: '1', group_closures: '1' });
    expect(p.position()).toBe(sampleLog().at(-1)!.position);
  });

  it('lets a correction replace the listed attendance and leaves the rest', async () => {
    const store = await freshStore();
    await projector(store).projector.handleBatch(sampleLog());
    const rows = await store.query<{ participant_id: string; status: string }>(
      'SELECT participant_id, status FROM attendance FINAL WHERE org = {org:String} AND session_id = {session:String} ORDER BY participant_id',
      { org: 'org-1', session: ids.session1 },
    );
    expect(rows).toEqual([
      { participant_id: ids.alice, status: 'present' },
      { participant_id: ids.bob, status: 'excused' },
    ]);
  });

  it('keeps a voided measure out of an analysis that anti-joins measure_voids', async () => {
    const store = await freshStore();
    await projector(store).projector.handleBatch(sampleLog());
    const rows = await store.query<{ measure_id: string }>(
      `SELECT m.measure_id AS measure_id FROM measures AS m FINAL
         LEFT ANTI JOIN (SELECT org, measure_id FROM measure_voids FINAL) AS v ON v.org = m.org AND v.measure_id = m.measure_id
        WHERE m.org = {org:String} AND m.instrument = {instrument:String} ORDER BY measure_id`,
      { org: 'org-1', instrument: 'PHQ-9' },
    );
    expect(rows.map((r) => r.measure_id)).toEqual([ids.measureA1, ids.measureB1]);
  });

  it('removes an erased participant from every table, and a replay of the log keeps them removed', async () => {
    const store = await freshStore();
    const { projector: p } = projector(store);
    await p.handleBatch(sampleLog());
    expect(await participantRowCount(store, ids.alice)).toBeGreaterThan(0);
    await p.handleBatch([erasure(ids.alice, 1000)]);
    expect(await participantRowCount(store, ids.alice)).toBe(0);
    const bobRows = await participantRowCount(store, ids.bob, 'final');
    expect(bobRows).toBeGreaterThan(0);

    // Replay everything, once as one batch and once event by event, plus a late event of a group stream.
    await p.handleBatch([...sampleLog(), erasure(ids.alice, 1000)]);
    for (const event of sampleLog()) await p.handleBatch([event]);
    const late = recorded('AttendanceCorrected', { groupId: ids.group, programId: ids.program, sessionId: ids.session1, date: '2026-03-03', records: [{ participantId: ids.alice, status: 'late' }] }, 1010);
    await p.handleBatch([late]);
    expect(await participantRowCount(store, ids.alice)).toBe(0);
    expect(await participantRowCount(store, ids.bob, 'final')).toBe(bobRows);
  });

  it('dead-letters a poison event and inserts the rest of its batch; unknown types are skipped', async () => {
    const store = await freshStore();
    const { projector: p, sink } = projector(store);
    const measure = sampleLog().find((e) => e.type === 'MeasureRecorded')!;
    const poison = recorded('MeasureRecorded', { ...(measure.data as object), measureId: 'bad', items: 'not-a-list' }, 5000);
    const unknown = recorded('SomethingNew', { whatever: true }, 5001);
    await p.handleBatch([...sampleLog(), poison, unknown]);
    expect(sink.letters).toHaveLength(1);
    expect(sink.letters[0]!.event).toBe(poison);
    expect(sink.letters[0]!.reason).toContain('items');
    expect(p.deadLettered()).toBe(1);
    expect((await countsFinal(store))['measures']).toBe('3');
    expect(p.position()).toBe(5001n);
    const positions = await readProjectionPositions(store);
    expect(positions).toHaveLength(11); // ten projections and the derived tables (derivedTablesPosition)
    expect(positions.every((x) => x.position === 5001n && x.updatedAt === '2026-03-02 12:00:00.000')).toBe(true);
    const restarted = projector(store).projector;
    expect(restarted.position()).toBe(0n);
    expect(await restarted.restorePosition()).toBe(5001n);
  });
});
