import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { type ExportEvent, SCHEMA_VERSION, streams } from '#libs/events';
import { FollowerSnapshots } from '../directory/follower-snapshots.js';
import { ReadPositions } from '../directory/read-positions.js';
import { SnapshotFiles } from '../directory/snapshot-files.js';
import { eraseParticipant, followToHead, type GeneratedLog, generatedLog } from '../directory/testing/generated-log.js';
import { ExportBook } from './export-book.js';

const org = 'demo';
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
});
