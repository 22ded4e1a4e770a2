import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AnalyticsStore } from '#libs/analytics-store';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { migrate, Projector } from '#libs/projector';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { recorded } from '#testing/projector';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { runGroupCohesion } from '../cohesion/group-cohesion.query.js';
import { project, type EventLog } from '../cohesion/testing/event-log.js';
import { groupDataset } from '../cohesion/testing/group-dataset.js';
import { runProgramAttendance, type ProgramAttendance } from './program-attendance.query.js';

/**
 * The hand-worked group of cohesion/testing/group-dataset.ts, program prog-1 of org-1:
 *   s0 2025-12-29 enrolled alice, bob: both present                    → 2 enrolled, 2 present
 *   s1 2026-01-05 alice present, bob absent, dave late (corrected)     → 3, 1 present 1 late 1 absent
 *   s2 2026-01-12 alice excused, bob, carol present, dave absent       → 4, 2 present 1 absent 1 excused
 *   s3 2026-01-19 bob left that day (his record is left out); alice present, carol late, dave
 *                 unrecorded                                           → 3, 1 present 1 late 1 unrecorded
 *   s4 2026-01-26 no register: alice, carol, dave                      → 3, 3 unrecorded
 *   ss1 2026-01-06 (g-single) solo present                             → 1, 1 present
 * org-2 has the same ids and other numbers, which must never show.
 */
const everySession: Omit<ProgramAttendance, 'programId'> = { sessions: 6, enrolled: 16, present: 7, late: 2, absent: 2, excused: 1, unrecorded: 4, attendanceRate: 9 / 16 };

let chdb: TestChdbStore;
const deadLetters = new InMemoryDeadLetterSink({ log: () => undefined });

const opened: AnalyticsStore[] = [];

/** Another database on the same chDB path (one live path per process), migrated. */
async function storeFor(database: string): Promise<AnalyticsStore> {
  const store = await openChdbAnalyticsStore({ path: chdb.path, database, readers: 1 });
  opened.push(store);
  await migrate(store);
  return store;
}

async function projectEvents(store: AnalyticsStore, logs: readonly EventLog[], oneEventPerBatch = false): Promise<void> {
  const projector = new Projector(store, { deadLetters });
  const events = logs.flatMap((log) => log.events);
  if (oneEventPerBatch) for (const event of events) await projector.handleBatch([event]);
  else await projector.handleBatch(events);
}

beforeAll(async () => {
  chdb = await openTestChdbStore({ database: 'program_attendance_it', readers: 2 });
  await migrate(chdb.store);
  await project(chdb.store, ...groupDataset());
});
afterAll(async () => {
  await Promise.all(opened.map((store) => store.close()));
  await chdb.dispose();
});

describe('runProgramAttendance against chDB (hand-worked group)', () => {
  it('sums every session of the program over the members enrolled on each date', async () => {
    expect(await runProgramAttendance(chdb.store, { org: 'org-1', programId: 'prog-1' })).toEqual({ programId: 'prog-1', ...everySession });
  });

  it('keeps to the window, the group and the caller\'s groups', async () => {
    // Without s0: 14 places, 5 present, 2 late → 7/14.
    expect(await runProgramAttendance(chdb.store, { org: 'org-1', programId: 'prog-1', from: '2026-01-05', to: '2026-01-26' })).toEqual({
      programId: 'prog-1', sessions: 5, enrolled: 14, present: 5, late: 2, absent: 2, excused: 1, unrecorded: 4, attendanceRate: 0.5,
    });
    // g1 on 2026-01-12 only: s2.
    expect(await runProgramAttendance(chdb.store, { org: 'org-1', programId: 'prog-1', groupId: 'g1', from: '2026-01-12', to: '2026-01-12' })).toMatchObject({ sessions: 1, enrolled: 4, present: 2, attendanceRate: 0.5 });
    // A therapist of g-single only.
    expect(await runProgramAttendance(chdb.store, { org: 'org-1', programId: 'prog-1', groupIds: ['g-single'] })).toMatchObject({ sessions: 1, enrolled: 1, present: 1, attendanceRate: 1 });
    // Another org's same ids: s1 with zed and alice absent.
    expect(await runProgramAttendance(chdb.store, { org: 'org-2', programId: 'prog-1' })).toMatchObject({ sessions: 1, enrolled: 2, absent: 2, attendanceRate: 0 });
  });

  it('answers zeros and no rate where there are no sessions', async () => {
    expect(await runProgramAttendance(chdb.store, { org: 'org-1', programId: 'prog-none' })).toEqual({
      programId: 'prog-none', sessions: 0, enrolled: 0, present: 0, late: 0, absent: 0, excused: 0, unrecorded: 0, attendanceRate: null,
    });
    expect(await runProgramAttendance(chdb.store, { org: 'org-1', programId: 'prog-1', groupId: 'g-empty' })).toMatchObject({ sessions: 0, attendanceRate: null });
  });

  it('equals the sum of the groups\' cohesion sessions', async () => {
    const window = { from: '2026-01-01', to: '2026-01-20' };
    const groups = await Promise.all(['g1', 'g-single', 'g-empty'].map((groupId) => runGroupCohesion(chdb.store, { org: 'org-1', groupId, ...window })));
    const sessions = groups.flatMap((g) => g.sessions);
    const sum = (key: 'enrolled' | 'present' | 'late' | 'absent' | 'excused' | 'unrecorded') => sessions.reduce((total, s) => total + s[key], 0);
    expect(await runProgramAttendance(chdb.store, { org: 'org-1', programId: 'prog-1', ...window })).toMatchObject({
      sessions: sessions.length, enrolled: sum('enrolled'), present: sum('present'), late: sum('late'), absent: sum('absent'), excused: sum('excused'), unrecorded: sum('unrecorded'),
    });
  });
});

describe('session_attendance, the table behind it (libs/projector migration 011)', () => {
  it('gives the same answer when every event is a batch of its own (each refresh sees part of the log)', async () => {
    const store = await storeFor('attendance_one_by_one');
    await projectEvents(store, groupDataset(), true);
    expect(await runProgramAttendance(store, { org: 'org-1', programId: 'prog-1' })).toEqual({ programId: 'prog-1', ...everySession });
  });

  it('is filled by migrate for tables projected before it existed', async () => {
    const store = await storeFor('attendance_backfilled');
    await projectEvents(store, groupDataset());
    // As before migration 011: no table, no record of it.
    await store.command('DROP TABLE session_attendance');
    await store.command(`DELETE FROM schema_migrations WHERE name = '011_session_attendance'`);
    expect(await migrate(store)).toEqual(['011_session_attendance']);
    expect(await runProgramAttendance(store, { org: 'org-1', programId: 'prog-1' })).toEqual({ programId: 'prog-1', ...everySession });
  });

  it('leaves an erased participant out of every session of their groups', async () => {
    const store = await storeFor('attendance_erased');
    await projectEvents(store, groupDataset());
    const erasure = recorded('ParticipantErased', { participantId: 'carol', programId: 'prog-1', erasedAt: '2026-02-01T00:00:00.000Z' }, 90_000, { org: 'org-1' });
    await new Projector(store, { deadLetters }).handleBatch([erasure]);
    // carol's places: s2 present, s3 late, s4 unrecorded.
    expect(await runProgramAttendance(store, { org: 'org-1', programId: 'prog-1' })).toEqual({
      programId: 'prog-1', sessions: 6, enrolled: 13, present: 6, late: 1, absent: 2, excused: 1, unrecorded: 3, attendanceRate: 7 / 13,
    });
  });
});
