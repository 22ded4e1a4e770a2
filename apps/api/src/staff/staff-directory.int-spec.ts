import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEMA_VERSION, streams } from '#libs/events';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { FollowerSnapshots } from '../directory/follower-snapshots.js';
import { ReadPositions } from '../directory/read-positions.js';
import { SnapshotFiles } from '../directory/snapshot-files.js';
import { StaffDirectory } from './staff-directory.js';

/** Runs the follower's lifecycle until it has applied the whole log, then stops it (saving its snapshot). */
async function followToHead(staff: StaffDirectory, store: SqliteEventStore): Promise<void> {
  staff.onApplicationBootstrap();
  const reached = await staff.waitFor(await store.headPosition(), 20_000);
  await staff.onApplicationShutdown();
  if (!reached) throw new Error('the staff directory did not reach the head');
}

describe('StaffDirectory over a real SQLite log', () => {
  let dir: string;
  let store: SqliteEventStore;
  let files: SnapshotFiles;
  const named = (org: string, userId: string, name: string) =>
    store.append(
      streams.staff(org),
      [
        {
          eventId: randomUUID(),
          type: 'StaffMemberNamed',
          schemaVersion: SCHEMA_VERSION,
          data: { userId, name },
          metadata: { org, actor: { userId: 'director-1', role: 'director' }, occurredAt: '2026-11-26T10:00:00.000Z', recordedAt: '2026-11-26T10:00:00.000Z', correlationId: 'c', causationId: null },
        },
      ],
      'any',
    );
  const withSnapshots = () => new StaffDirectory(store, new ReadPositions(), new FollowerSnapshots(files, 1_000_000));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'staff-directory-'));
    store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
    files = new SnapshotFiles(join(dir, 'snapshots'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the latest name per user and organization, and no other organization sees it', async () => {
    await named('org-a', 't-1', 'Ada Moss');
    await named('org-a', 't-2', 'Ben Okafor');
    await named('org-b', 't-1', 'Somebody Else');
    await named('org-a', 't-1', 'Dr Ada Moss');
    const staff = new StaffDirectory(store, new ReadPositions());
    await followToHead(staff, store);
    expect(staff.list('org-a')).toEqual([
      { userId: 't-2', name: 'Ben Okafor' },
      { userId: 't-1', name: 'Dr Ada Moss' },
    ]);
    expect(staff.nameOf('org-b', 't-1')).toBe('Somebody Else');
    expect(staff.nameOf('org-b', 't-2')).toBeNull();
    expect(staff.nameOf('org-c', 't-1')).toBeNull();
    expect([staff.namesOf('org-a')('t-1'), staff.namesOf('org-a')('nobody'), staff.namesOf('org-z')('t-1')]).toEqual(['Dr Ada Moss', null, null]);
  });

  it('starts from its snapshot (not the log before it) and follows the names appended after it', async () => {
    await named('org-a', 't-1', 'Ada Moss');
    await followToHead(withSnapshots(), store);
    // A name the log does not hold: present after a start only if the snapshot was used.
    const path = files.pathOf('staff');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const trailer = JSON.parse(lines.at(-1)!) as { end: string; lines: number };
    const planted = JSON.stringify(['org-p', [['planted', 'Only In The Snapshot']]]);
    writeFileSync(path, [...lines.slice(0, -1), planted, JSON.stringify({ ...trailer, lines: trailer.lines + 1 })].join('\n') + '\n');
    await named('org-a', 't-1', 'Ada Moss-Lee');
    const restored = withSnapshots();
    await followToHead(restored, store);
    expect(restored.nameOf('org-p', 'planted')).toBe('Only In The Snapshot');
    expect(restored.nameOf('org-a', 't-1')).toBe('Ada Moss-Lee');
  });
});
