import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { FollowerSnapshots } from '../directory/follower-snapshots.js';
import { ReadPositions } from '../directory/read-positions.js';
import { SnapshotFiles } from '../directory/snapshot-files.js';
import { appendCohort, eraseParticipant, followToHead, type GeneratedLog, generatedLog } from '../directory/testing/generated-log.js';
import { AlertBook } from './alert-book.js';

describe('AlertBook snapshots over a generated organization', () => {
  let log: GeneratedLog;
  let files: SnapshotFiles;
  const book = (snapshots = true) => new AlertBook(log.store, new ReadPositions(), snapshots ? new FollowerSnapshots(files, 1_000_000) : undefined);

  beforeEach(async () => {
    log = await generatedLog();
    files = new SnapshotFiles(join(log.dir, 'snapshots'));
  });
  afterEach(async () => {
    await log.close();
  });

  it('restores its snapshot and follows to the same alerts as a full replay, erasures included', async () => {
    const first = book();
    await followToHead(first, log.store);
    const alerted = first.list()[0]!;
    expect(alerted).toBeDefined();
    await eraseParticipant(log.store, alerted.participantId, alerted.programId);
    await appendCohort(log.store, { seed: 7, org: 'other' });

    const restored = book();
    await followToHead(restored, log.store);
    const replayed = book(false);
    await followToHead(replayed, log.store);
    expect(restored.list()).toEqual(replayed.list());
    expect(restored.list().length).toBeGreaterThan(first.list().length - 1);
    expect(restored.isErased(alerted.participantId)).toBe(true);
    expect(restored.get(alerted.alertId)).toBeUndefined();
  });
});
