import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AlertsReactor } from '#libs/alerts-reactor';
import { FileCheckpointStore } from '#libs/in-process-pipeline';
import { ReadPositions } from '../directory/read-positions.js';
import { SnapshotFiles } from '../directory/snapshot-files.js';
import { Directory } from '../directory/directory.js';
import { appendCohort, eraseParticipant, followToHead, type GeneratedLog, generatedLog } from '../directory/testing/generated-log.js';

describe('the alerts reactor restarting from its state snapshot', () => {
  let log: GeneratedLog;
  let files: SnapshotFiles;
  const errors: unknown[] = [];
  const reactor = (checkpoints: string, snapshots: boolean) =>
    new AlertsReactor({
      store: log.store,
      checkpoints: new FileCheckpointStore({ directory: join(log.dir, checkpoints) }),
      tickIntervalMs: null,
      clock: () => new Date('2026-11-26T12:00:00Z'),
      onError: (error) => errors.push(error),
      ...(snapshots ? { snapshots: files, snapshotEvery: 500 } : {}),
    });
  const runToIdle = async (r: AlertsReactor) => {
    await r.start();
    await r.waitUntilIdle();
    await r.stop();
  };

  beforeEach(async () => {
    log = await generatedLog();
    files = new SnapshotFiles(join(log.dir, 'snapshots'));
    errors.length = 0;
  });
  afterEach(async () => {
    expect(errors).toEqual([]);
    await log.close();
  });

  it('appends exactly the alerts a replay from 0 would, after new events and an erasure', async () => {
    await runToIdle(reactor('a', true));
    expect(existsSync(files.pathOf('alerts-reactor'))).toBe(true);
    const directory = new Directory(log.store, new ReadPositions());
    await followToHead(directory, log.store);
    const [erased] = [...directory.participants.values()];
    await eraseParticipant(log.store, erased!.participantId, erased!.programId);
    await appendCohort(log.store, { seed: 11, org: 'other' });

    await runToIdle(reactor('a', true)); // from the snapshot, its checkpoint where it stopped
    const head = await log.store.headPosition();
    // A reactor without snapshot or checkpoint replays everything and re-appends every alert
    // it decides under the same event ids: the store writes nothing new if nothing was missed.
    await runToIdle(reactor('fresh', false));
    expect(await log.store.headPosition()).toBe(head);
  });

  it('replays from 0 when its snapshot is cut short, and still appends nothing twice', async () => {
    await runToIdle(reactor('a', true));
    const path = files.pathOf('alerts-reactor');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    writeFileSync(path, lines.slice(0, -1).join('\n') + '\n'); // no trailer
    await appendCohort(log.store, { seed: 12, org: 'other' });
    await runToIdle(reactor('a', true));
    const head = await log.store.headPosition();
    await runToIdle(reactor('fresh', false));
    expect(await log.store.headPosition()).toBe(head);
  });
});
