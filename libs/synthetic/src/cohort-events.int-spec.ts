import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import type { RecordedEvent } from '#libs/events';
import { type DeadLetter, DeadLetterSink } from '#libs/pipeline';
import { migrate, Projector } from '#libs/projector';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { cohortAppends, writeCohortEvents } from './cohort-events.js';
import { DEMO_OPTIONS } from './demo.js';
import type { CohortOptions } from './requests.js';

class CollectingSink extends DeadLetterSink {
  readonly letters: DeadLetter[] = [];
  async send(letter: DeadLetter): Promise<void> {
    this.letters.push(letter);
  }
  count(): number {
    return this.letters.length;
  }
}

const options: CohortOptions = { ...DEMO_OPTIONS, programs: 2, groupsPerProgram: 2, weeks: 10, today: '2026-11-26' };
const expected = [...cohortAppends(options)].flatMap((a) => a.events);
const count = (type: string) => expected.filter((e) => e.type === type).length;

describe('writeCohortEvents into SQLite and chDB', () => {
  let chdb: TestChdbStore;
  let folder: string;
  let events: SqliteEventStore;
  const sink = new CollectingSink();
  const projected: RecordedEvent[] = [];

  beforeAll(async () => {
    chdb = await openTestChdbStore({ readers: 1 });
    await migrate(chdb.store);
    folder = mkdtempSync(join(tmpdir(), 'synthetic-events-'));
    events = new SqliteEventStore({ path: join(folder, 'events.db') });
    const projector = new Projector(chdb.store, { deadLetters: sink });
    // A small batch size so several batches (transactions, projector calls) run.
    await writeCohortEvents(options, {
      eventStore: events,
      batchEvents: 500,
      project: async (batch) => {
        projected.push(...batch);
        await projector.handleBatch(batch);
      },
    });
  });

  afterAll(async () => {
    await events.close();
    await chdb.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('appends every event once, and hands the projector exactly what the store recorded', async () => {
    const stored = await events.readAll();
    expect(stored).toHaveLength(expected.length);
    expect(await events.headPosition()).toBe(stored[stored.length - 1]!.position);
    expect(projected.map((e) => [e.eventId, e.stream, e.revision, e.position])).toEqual(stored.map((e) => [e.eventId, e.stream, e.revision, e.position]));
    expect(projected.map((e) => e.data)).toEqual(stored.map((e) => e.data));
  });

  it('is accepted by the projector with no dead letters, one row per fact', async () => {
    expect(sink.letters).toEqual([]);
    const rows = async (table: string) => Number((await chdb.store.query<{ n: string }>(`SELECT count() AS n FROM ${table} FINAL`, {}))[0]!.n);
    expect(await rows('measures')).toBe(count('MeasureRecorded'));
    expect(await rows('participants')).toBe(count('ParticipantRegistered'));
    expect(await rows('sessions')).toBe(count('SessionScheduled'));
    expect(await rows('alerts')).toBe(count('AlertRaised'));
    expect(await rows('milestones')).toBe(count('MilestoneReached'));
    expect(await rows('memberships')).toBe(count('MemberJoined'));
  });
});
