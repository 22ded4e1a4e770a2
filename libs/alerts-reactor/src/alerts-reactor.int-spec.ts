import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventStore } from '#libs/event-store';
import { type DomainEvent, type NewEvent, SCHEMA_VERSION, streams } from '#libs/events';
import { DependencyUnavailable } from '#libs/errors';
import { CheckpointStore } from '#libs/pipeline';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { DelegatingEventStore } from '#testing/event-store';
import { AlertsReactor } from './alerts-reactor.js';

/** A checkpoint kept in a JSON file (the real FileCheckpointStore lives elsewhere; not a dependency here). */
class JsonFileCheckpoints extends CheckpointStore {
  constructor(private readonly path: string) {
    super();
  }
  async load(name: string): Promise<bigint> {
    try {
      return BigInt((JSON.parse(readFileSync(this.path, 'utf8')) as Record<string, string>)[name] ?? '0');
    } catch {
      return 0n;
    }
  }
  async save(name: string, position: bigint): Promise<void> {
    writeFileSync(this.path, JSON.stringify({ [name]: position.toString() }));
  }
}

/** The real store, counting the appends made through it (to see what the checkpoint saves us). */
class CountingStore extends DelegatingEventStore {
  appends = 0;
  constructor(
    inner: EventStore,
    /** How many of the first appends fail as if the store were unreachable. */
    private failures = 0,
  ) {
    super(inner);
  }
  override append(...args: Parameters<EventStore['append']>) {
    this.appends += 1;
    if (this.failures-- > 0) return Promise.reject(new DependencyUnavailable('event-store', 'unreachable (test)'));
    return super.append(...args);
  }
}

const programId = randomUUID();
const groupId = randomUUID();
const participantId = randomUUID();

async function append(store: EventStore, stream: string, event: DomainEvent, at: string): Promise<void> {
  const metadata = { org: 'org-1', actor: { userId: 'u-1', role: 'therapist' }, occurredAt: at, recordedAt: at, correlationId: randomUUID(), causationId: null };
  const recorded: NewEvent = { eventId: randomUUID(), type: event.type, schemaVersion: SCHEMA_VERSION, data: event.data, metadata };
  await store.append(stream, [recorded], 'any');
}

function measure(measureId: string, instrument: string, administeredOn: string, total: number): DomainEvent {
  return {
    type: 'MeasureRecorded',
    data: { measureId, participantId, programId, groupId, sessionId: null, instrument, instrumentVersion: 1, items: [], administeredOn, score: { total, valid: true } },
  };
}

function attendance(sessionId: string, date: string): DomainEvent {
  return { type: 'AttendanceRecorded', data: { groupId, programId, sessionId, date, records: [{ participantId, status: 'absent' }] } };
}

describe('AlertsReactor on the SQLite event store', () => {
  let dir: string;
  let store: SqliteEventStore;
  let now = new Date('2026-03-20T10:00:00Z');
  const errors: unknown[] = [];
  const reactor = (checkpointFile: string, through: EventStore = store) =>
    new AlertsReactor({
      store: through,
      checkpoints: new JsonFileCheckpoints(join(dir, checkpointFile)),
      clock: () => now,
      tickIntervalMs: null,
      checkpointEvery: 1000,
      onError: (error) => errors.push(error),
    });
  const alertsInStream = async () => (await store.readStream(streams.participant(participantId))).filter((e) => e.type === 'AlertRaised');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'alerts-reactor-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
    await append(store, streams.program(programId), { type: 'ProgramCreated', data: { programId, name: 'P', part2: false, timeZone: 'UTC', plannedWeeks: 12, schedule: [{ instrument: 'PHQ-9', every: 'week' }] } }, '2026-03-01T09:00:00Z');
    await append(store, streams.group(groupId), { type: 'MemberJoined', data: { groupId, programId, participantId, joinedOn: '2026-03-02' } }, '2026-03-02T09:00:00Z');
    await append(store, streams.participant(participantId), measure('m1', 'PHQ-9', '2026-03-02', 10), '2026-03-02T10:00:00Z');
    await append(store, streams.participant(participantId), measure('m2', 'PHQ-9', '2026-03-09', 17), '2026-03-09T10:00:00Z');
    await append(store, streams.group(groupId), attendance('s1', '2026-03-09'), '2026-03-09T11:00:00Z');
    await append(store, streams.group(groupId), attendance('s2', '2026-03-16'), '2026-03-16T11:00:00Z');
  });

  afterAll(async () => {
    expect(errors).toEqual([]);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('appends alerts to the participant stream, for past and live events and on a tick', async () => {
    const first = reactor('checkpoint.json');
    await first.start();
    try {
      await first.waitUntilIdle();
      expect((await alertsInStream()).map((e) => (e.data as { alertType: string }).alertType)).toEqual(['reliable_deterioration', 'missed_sessions']);

      await append(store, streams.participant(participantId), measure('g1', 'GSRS', '2026-03-16', 38), '2026-03-16T12:00:00Z');
      await append(store, streams.participant(participantId), measure('g2', 'GSRS', '2026-03-18', 35), '2026-03-18T12:00:00Z');
      await first.waitUntilIdle();
      now = new Date('2026-04-01T08:00:00Z'); // PHQ-9 due 03-16 + 3 days of grace: overdue
      expect((await first.tick()).map((a) => a.alertType)).toEqual(['measure_overdue']);
      expect(await first.tick()).toEqual([]);
    } finally {
      await first.stop();
    }

    const alerts = await alertsInStream();
    expect(alerts.map((e) => (e.data as { alertType: string }).alertType)).toEqual(['reliable_deterioration', 'missed_sessions', 'alliance_drop', 'measure_overdue']);
    const causes = await store.readAll();
    const deterioration = alerts[0]!;
    expect(deterioration.metadata).toMatchObject({
      org: 'org-1',
      actor: { userId: 'alerts-reactor', role: 'system' },
      causationId: causes[3]!.eventId,
      correlationId: causes[3]!.metadata.correlationId,
    });
    expect(deterioration.data).toMatchObject({ participantId, programId, groupId, measureId: 'm2', severity: 'high', raisedAt: '2026-03-09T10:00:00.000Z' });
    expect(alerts[3]!.metadata.causationId).toBeNull();
    expect(await new JsonFileCheckpoints(join(dir, 'checkpoint.json')).load('alerts-reactor')).toBe(first.processedPosition);
  });

  it('a restart on the same checkpoint appends nothing twice, nor does a tick in the same period', async () => {
    const before = (await store.readAll()).length;
    expect(await alertsInStream()).toHaveLength(4);
    const counting = new CountingStore(store);
    const second = reactor('checkpoint.json', counting);
    await second.start();
    try {
      await second.waitUntilIdle();
      expect(await second.tick()).toEqual([]);
    } finally {
      await second.stop();
    }

    expect((await store.readAll()).length).toBe(before);
    expect(counting.appends).toBe(0); // everything was at or below the checkpoint
  });

  it('a replay from position 0 (lost checkpoint) re-appends every alert as a no-op', async () => {
    const before = await store.readAll();
    const counting = new CountingStore(store);
    const replaying = reactor('fresh-checkpoint.json', counting);
    await replaying.start();
    try {
      await replaying.waitUntilIdle();
      await replaying.tick();
    } finally {
      await replaying.stop();
    }

    expect((await store.readAll()).map((e) => e.eventId)).toEqual(before.map((e) => e.eventId));
    expect(counting.appends).toBe(3); // the event-caused alerts again, as no-ops; the tick's was read back
    expect(await new JsonFileCheckpoints(join(dir, 'fresh-checkpoint.json')).load('alerts-reactor')).toBe(before.at(-1)!.position);
  });
});

describe('AlertsReactor after a failed append', () => {
  it('reports the error, rebuilds from the log and appends the alert once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'alerts-reactor-'));
    const store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
    const errors: unknown[] = [];
    try {
      await append(store, streams.group(groupId), { type: 'MemberJoined', data: { groupId, programId, participantId, joinedOn: '2026-03-02' } }, '2026-03-02T09:00:00Z');
      await append(store, streams.participant(participantId), measure('m1', 'PHQ-9', '2026-03-02', 10), '2026-03-02T10:00:00Z');
      await append(store, streams.participant(participantId), measure('m2', 'PHQ-9', '2026-03-09', 16), '2026-03-09T10:00:00Z');
      const flaky = new CountingStore(store, 1);
      const reactor = new AlertsReactor({ store: flaky, checkpoints: new JsonFileCheckpoints(join(dir, 'cp.json')), tickIntervalMs: null, retryDelayMs: 10, onError: (e) => errors.push(e) });
      await reactor.start();
      try {
        await reactor.waitUntilIdle();
      } finally {
        await reactor.stop();
      }

      expect(errors).toEqual([expect.any(DependencyUnavailable)]);
      expect(flaky.appends).toBe(2);
      const alerts = (await store.readStream(streams.participant(participantId))).filter((e) => e.type === 'AlertRaised');
      expect(alerts.map((e) => (e.data as { measureId: string }).measureId)).toEqual(['m2']);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
