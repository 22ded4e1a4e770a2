import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { AppendResult, ExpectedRevision } from '#libs/event-store';
import { DelegatingEventStore } from '#testing/event-store';
import { type ExportEvent, type NewEvent, SCHEMA_VERSION, streams } from '#libs/events';
import { FollowerSnapshots } from '../directory/follower-snapshots.js';
import { ReadPositions } from '../directory/read-positions.js';
import { SnapshotFiles } from '../directory/snapshot-files.js';
import { eraseParticipant, followToHead, type GeneratedLog, generatedLog } from '../directory/testing/generated-log.js';
import { ExportBook } from './export-book.js';

const org = 'demo';

/** Refuses appends to export streams while `failing` (a store outage as the book's reaction sees it). */
class ExportAppendsFail extends DelegatingEventStore {
  failing = true;
  refused = 0;
  override append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.failing && stream.startsWith(streams.export(''))) {
      this.refused += 1;
      return Promise.reject(new Error('store unavailable'));
    }
    return super.append(stream, events, expected);
  }
}

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}
const at = '2026-11-26T09:00:00.000Z';

describe('ExportBook snapshots', () => {
  let log: GeneratedLog;
  let files: SnapshotFiles;
  const book = (snapshots = true) => new ExportBook(log.store, new ReadPositions(), snapshots ? new FollowerSnapshots(files, 1_000_000) : undefined);
  const append = (stream: string, event: ExportEvent) =>
    log.store.append(stream, [{ eventId: randomUUID(), schemaVersion: SCHEMA_VERSION, ...event, metadata: { org, actor: { userId: 'r', role: 'researcher' }, occurredAt: at, recordedAt: at, correlationId: 'c', causationId: null } }], 'any');
  const publish = async (exportId: string, subjects: string[]) => {
    await append(streams.surrogates(org), { type: 'SurrogatesAssigned', data: { assignments: subjects.map((id) => ({ kind: 'participant' as const, id, surrogate: `s-${id}` })) } });
    await append(streams.export(exportId), { type: 'ExportRequested', data: { exportId, request: { programId: 'p', from: null, to: null, instruments: [], k: 5 }, part2: false, requestedAt: at, requestedBy: 'r', role: 'researcher' } });
    const manifest = { files: [], participants: subjects.length, policyVersion: '1', k: 5, rowsSuppressed: 0, rowsGeneralized: 0, cellsSuppressed: 0 };
    await append(streams.export(exportId), { type: 'ExportCompleted', data: { exportId, manifest, subjects, completedAt: at } });
  };

  beforeEach(async () => {
    log = await generatedLog({ weeks: 2, groupsPerProgram: 1 });
    files = new SnapshotFiles(join(log.dir, 'snapshots'));
  });
  afterEach(async () => {
    await log.close();
  });

  it('restores exports, surrogates and holders, then notes an erasure after the snapshot like a full replay', async () => {
    await publish('e1', ['a', 'b']);
    await followToHead(book(), log.store);
    await publish('e2', ['b', 'c']);
    await eraseParticipant(log.store, 'b', 'p');

    const restored = book();
    restored.onApplicationBootstrap();
    expect(await restored.waitFor(await log.store.headPosition(), 20_000)).toBe(true);
    // Its reaction appends ExportErasureNoted events after the erasure; wait until it has read them back.
    for (let i = 0; i < 200 && restored.get('e2')?.erased.length !== 1; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      await restored.catchUp(1000);
    }
    await restored.onApplicationShutdown();
    const replayed = book(false);
    await followToHead(replayed, log.store);
    expect(restored.list(org)).toEqual(replayed.list(org));
    expect(restored.get('e1')!.erased).toEqual([{ surrogateId: 's-b', erasedAt: '2026-11-26T10:00:00.000Z' }]);
    expect(restored.get('e2')!.erased).toEqual([{ surrogateId: 's-b', erasedAt: '2026-11-26T10:00:00.000Z' }]);
    expect(restored.surrogate(org, 'participant', 'a')).toBe('s-a');
  });

  it('retries a note whose append failed until the store takes it', async () => {
    await publish('e1', ['a', 'b']);
    const flaky = new ExportAppendsFail(log.store);
    const follower = new ExportBook(flaky, new ReadPositions());
    follower.onApplicationBootstrap();
    await eraseParticipant(log.store, 'b', 'p');
    await until(() => flaky.refused >= 2, 'two refused appends');
    expect(follower.get('e1')!.erased).toEqual([]);

    flaky.failing = false;
    await until(async () => (await follower.catchUp(1000)) && follower.get('e1')!.erased.length === 1, 'the note read back');
    await follower.onApplicationShutdown();
    expect(follower.get('e1')!.erased).toEqual([{ surrogateId: 's-b', erasedAt: '2026-11-26T10:00:00.000Z' }]);
    const notes = (await log.store.readStream(streams.export('e1'))).filter((e) => e.type === 'ExportErasureNoted');
    expect(notes).toHaveLength(1);
  });

  it('keeps a note it could not append in its snapshot, so a restart from that snapshot still appends it', async () => {
    await publish('e1', ['a', 'b']);
    const flaky = new ExportAppendsFail(log.store);
    const first = new ExportBook(flaky, new ReadPositions(), new FollowerSnapshots(files, 1_000_000));
    first.onApplicationBootstrap();
    await eraseParticipant(log.store, 'b', 'p');
    await until(() => flaky.refused >= 1, 'a refused append');
    // Its snapshot (saved after the erasure, and at shutdown) is past the ParticipantErased.
    await first.onApplicationShutdown();
    expect((await log.store.readStream(streams.export('e1'))).some((e) => e.type === 'ExportErasureNoted')).toBe(false);

    const restarted = book();
    restarted.onApplicationBootstrap();
    await until(async () => (await restarted.catchUp(1000)) && restarted.get('e1')!.erased.length === 1, 'the note after the restart');
    await restarted.onApplicationShutdown();
    expect(restarted.get('e1')!.erased).toEqual([{ surrogateId: 's-b', erasedAt: '2026-11-26T10:00:00.000Z' }]);
    expect(restarted.position()).toBeGreaterThan(0n);
  });
});
