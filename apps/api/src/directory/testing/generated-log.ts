import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { type RecordedEvent, SCHEMA_VERSION, streams } from '#libs/events';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { cohortAppends, DEMO_OPTIONS } from '#libs/synthetic';

export interface GeneratedLog {
  readonly store: SqliteEventStore;
  readonly dir: string;
  close(): Promise<void>;
}

/** A real SQLite event log in a temp folder holding a small generated organization (#libs/synthetic). */
export async function generatedLog(options: { weeks?: number; groupsPerProgram?: number } = {}): Promise<GeneratedLog> {
  const dir = mkdtempSync(join(tmpdir(), 'generated-log-'));
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
  await appendCohort(store, { seed: DEMO_OPTIONS.seed, org: DEMO_OPTIONS.org, ...options });
  return {
    store,
    dir,
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Appends a generated organization (another seed or org gives other ids) to `store`. */
export async function appendCohort(store: SqliteEventStore, options: { seed: number; org: string; weeks?: number; groupsPerProgram?: number }): Promise<void> {
  for (const { stream, events } of cohortAppends({ ...DEMO_OPTIONS, seed: options.seed, org: options.org, weeks: options.weeks ?? 8, groupsPerProgram: options.groupsPerProgram ?? 2, today: '2026-11-26' })) {
    await store.append(stream, events, 'any');
  }
}

/** Appends a ParticipantErased as the api's erasure would (the event only; keys are not involved here). */
export async function eraseParticipant(store: SqliteEventStore, participantId: string, programId: string, org = DEMO_OPTIONS.org): Promise<void> {
  await store.append(
    streams.participant(participantId),
    [
      {
        eventId: randomUUID(),
        type: 'ParticipantErased',
        schemaVersion: SCHEMA_VERSION,
        data: { participantId, programId, erasedAt: '2026-11-26T10:00:00.000Z' },
        metadata: { org, actor: { userId: 'admin', role: 'admin' }, occurredAt: '2026-11-26T10:00:00.000Z', recordedAt: '2026-11-26T10:00:00.000Z', correlationId: participantId, causationId: null },
      },
    ],
    'any',
  );
}

export async function allEvents(store: SqliteEventStore): Promise<RecordedEvent[]> {
  return store.readAll();
}

/** Runs a follower (its Nest lifecycle) until it has applied the whole log, then stops it. */
export async function followToHead(follower: { onApplicationBootstrap(): void; onApplicationShutdown(): Promise<void>; waitFor(position: bigint, timeoutMs: number): Promise<boolean> }, store: SqliteEventStore): Promise<void> {
  follower.onApplicationBootstrap();
  const reached = await follower.waitFor(await store.headPosition(), 20_000);
  await follower.onApplicationShutdown();
  if (!reached) throw new Error('the follower did not reach the head');
}
