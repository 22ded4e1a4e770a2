import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { FollowerSnapshots } from '../directory/follower-snapshots.js';
import { ReadPositions } from '../directory/read-positions.js';
import { SnapshotFiles } from '../directory/snapshot-files.js';
import { appendCohort, eraseParticipant, followToHead, type GeneratedLog, generatedLog } from '../directory/testing/generated-log.js';
import { AlertBook } from './alert-book.js';
import { newestFirst } from './newest-first.js';

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

  it('keeps its alerts newest first through new alerts (inserted in place), erasures and a restart', async () => {
    const live = book();
    // One follower that keeps following (followToHead stops it at the head).
    live.onApplicationBootstrap();
    const catchUp = async () => expect(await live.waitFor(await log.store.headPosition(), 20_000)).toBe(true);
    await catchUp();
    const sortedNow = () => live.list().sort(newestFirst);
    expect(live.newestFirst()).toEqual(sortedNow());
    const before = live.newestFirst().length;

    // Another organization's cohort: its alerts fall between the ones already kept.
    await appendCohort(log.store, { seed: 11, org: 'other' });
    await catchUp();
    expect(live.newestFirst().length).toBeGreaterThan(before);
    expect(live.newestFirst()).toEqual(sortedNow());

    const erased = live.newestFirst()[0]!;
    await eraseParticipant(log.store, erased.participantId, erased.programId, erased.org);
    await catchUp();
    expect(live.newestFirst().some((a) => a.participantId === erased.participantId)).toBe(false);
    expect(live.newestFirst()).toEqual(sortedNow());
    await live.onApplicationShutdown();

    const restored = book();
    await followToHead(restored, log.store);
    expect(restored.newestFirst()).toEqual(live.newestFirst());
  });
});
