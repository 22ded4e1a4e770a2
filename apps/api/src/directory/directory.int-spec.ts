import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Directory } from './directory.js';
import { directoryLines } from './directory-snapshot.js';
import { FollowerSnapshots } from './follower-snapshots.js';
import { ReadPositions } from './read-positions.js';
import { EVENTS_PER_TURN } from './store-follower.js';
import { SnapshotFiles } from './snapshot-files.js';
import { allEvents, appendCohort, eraseParticipant, followToHead, type GeneratedLog, generatedLog } from './testing/generated-log.js';

/** A full replay from 0, without snapshots: the reference every restored state must equal. */
async function replayed(log: GeneratedLog): Promise<Directory> {
  const directory = new Directory(log.store, new ReadPositions());
  await followToHead(directory, log.store);
  return directory;
}

describe('Directory (compact, with snapshots) over a generated organization', () => {
  let log: GeneratedLog;
  let files: SnapshotFiles;
  const withSnapshots = (everyEvents = 1_000_000) => new Directory(log.store, new ReadPositions(), new FollowerSnapshots(files, everyEvents));

  beforeEach(async () => {
    log = await generatedLog();
    files = new SnapshotFiles(join(log.dir, 'snapshots'));
  });
  afterEach(async () => {
    await log.close();
  });

  it('keeps every registered participant exactly as the log has them, and each group its sessions', async () => {
    const events = await allEvents(log.store);
    const directory = await replayed(log);
    const registered = events.filter((e) => e.type === 'ParticipantRegistered');
    expect(registered.length).toBeGreaterThan(10);
    expect(directory.participants.size).toBe(registered.length);
    for (const event of registered) {
      const data = event.data as { participantId: string };
      expect(directory.participants.get(data.participantId)).toEqual({ org: event.metadata.org, ...data });
    }
    expect([...directory.participants.values()].map((p) => p.participantId)).toEqual(registered.map((e) => (e.data as { participantId: string }).participantId));
    const scheduled = new Map<string, number>();
    for (const event of events.filter((e) => e.type === 'SessionScheduled')) {
      const { sessionId, groupId } = event.data as { sessionId: string; groupId: string };
      scheduled.set(groupId, (scheduled.get(groupId) ?? 0) + 1);
      expect(directory.groupsOfSession.candidates(sessionId)).toEqual([groupId]);
    }
    expect(scheduled.size).toBeGreaterThan(1);
    for (const [groupId, count] of scheduled) expect(directory.groups.get(groupId)!.sessionCount).toBe(count);
  });

  it('lets timers run while it catches up: the event loop turns every EVENTS_PER_TURN events', async () => {
    for (const seed of [11, 12, 13]) await appendCohort(log.store, { seed, org: `other-${seed}`, weeks: 8 });
    const head = await log.store.headPosition();
    expect(head).toBeGreaterThan(BigInt(4 * EVENTS_PER_TURN));
    const directory = new Directory(log.store, new ReadPositions());
    const seenByTimers: bigint[] = [];
    const timer = setInterval(() => seenByTimers.push(directory.position()), 0);
    directory.onApplicationBootstrap();
    const reached = await directory.waitFor(head, 20_000);
    clearInterval(timer);
    await directory.onApplicationShutdown();
    expect(reached).toBe(true);
    // Timers ran at several points of the catch-up, not only once it had reached the head.
    expect(seenByTimers.filter((p) => p > 0n && p < head).length).toBeGreaterThan(1);
  });

  it('restores its snapshot and follows from there to the same state as a full replay, erasures included', async () => {
    await followToHead(withSnapshots(), log.store); // saves a snapshot at shutdown
    const [erased] = [...(await replayed(log)).participants.values()];
    await eraseParticipant(log.store, erased!.participantId, erased!.programId);
    await appendCohort(log.store, { seed: 7, org: 'other' });

    const restored = withSnapshots();
    await followToHead(restored, log.store);
    const reference = await replayed(log);
    expect([...directoryLines(restored)]).toEqual([...directoryLines(reference)]);
    expect(restored.participants.get(erased!.participantId)).toBeUndefined();
    expect(restored.erasedParticipants.has(erased!.participantId)).toBe(true);
    // The erasure made it save a new snapshot: the person's fields are gone from it too.
    expect(readFileSync(files.pathOf('directory'), 'utf8')).not.toContain(JSON.stringify(['participant', erased!.participantId]).slice(0, -1));
  });

  it('starts from a snapshot without replaying the log before it', async () => {
    await followToHead(withSnapshots(), log.store);
    // A line the log does not hold: present after a start only if the snapshot was used.
    const path = files.pathOf('directory');
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
    const planted = JSON.stringify(['erased', 'planted-id']);
    const trailer = JSON.parse(lines.at(-1)!) as { end: string; lines: number };
    writeFileSync(path, [...lines.slice(0, -1), planted, JSON.stringify({ ...trailer, lines: trailer.lines + 1 })].join('\n') + '\n');
    const restored = withSnapshots();
    await followToHead(restored, log.store);
    expect(restored.erasedParticipants.has('planted-id')).toBe(true);
  });

  describe('replays from 0 instead of using a snapshot that is', () => {
    const plant = async (change: (lines: string[]) => string[]) => {
      await followToHead(withSnapshots(), log.store);
      const path = files.pathOf('directory');
      const lines = readFileSync(path, 'utf8').trimEnd().split('\n');
      const trailer = JSON.parse(lines.at(-1)!) as { end: string; lines: number };
      const planted = [...lines.slice(0, -1), JSON.stringify(['erased', 'planted-id']), JSON.stringify({ ...trailer, lines: trailer.lines + 1 })];
      writeFileSync(path, change(planted).join('\n') + '\n');
      const restored = withSnapshots();
      await followToHead(restored, log.store);
      expect(restored.erasedParticipants.has('planted-id')).toBe(false);
      expect([...directoryLines(restored)]).toEqual([...directoryLines(await replayed(log))]);
    };
    const header = (lines: string[]) => JSON.parse(lines[0]!) as Record<string, unknown>;

    it('cut short (no trailer)', () => plant((lines) => lines.slice(0, -1)));
    it('of an older format version', () => plant((lines) => [JSON.stringify({ ...header(lines), version: 0 }), ...lines.slice(1)]));
    it('of another log (its event is not at its position)', () => plant((lines) => [JSON.stringify({ ...header(lines), eventId: 'another-event' }), ...lines.slice(1)]));
    it('garbled', () => plant((lines) => [lines[0]!, '["participant", {', ...lines.slice(2)]));
  });

  it('saves snapshots along the way (every N events), each restoring to the full-replay state', async () => {
    const directory = withSnapshots(97);
    await followToHead(directory, log.store);
    await appendCohort(log.store, { seed: 8, org: 'third' });
    const restored = withSnapshots(97);
    await followToHead(restored, log.store);
    expect([...directoryLines(restored)]).toEqual([...directoryLines(await replayed(log))]);
  });
});

describe('SnapshotFiles', () => {
  it('leaves the event loop free between the megabytes it writes, and reads back every line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapshot-files-'));
    try {
      const files = new SnapshotFiles(dir);
      const lines = Array.from({ length: 40_000 }, (_, i) => JSON.stringify(['line', i, 'x'.repeat(100)])); // ~5 MB
      let turns = 0;
      const timer = setInterval(() => (turns += 1), 0);
      await files.write('big', 1, { position: 1n, eventId: 'e1' }, lines);
      clearInterval(timer);
      expect(turns).toBeGreaterThan(1);
      const read: string[] = [];
      expect(await files.read('big', 1, (line) => read.push(line))).toEqual({ position: 1n, eventId: 'e1' });
      expect(read).toEqual(lines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('replaces a snapshot atomically and clears temp files a crashed write left behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'snapshot-files-'));
    try {
      const files = new SnapshotFiles(dir);
      await files.write('model', 1, { position: 5n, eventId: 'e5' }, ['["a"]']);
      writeFileSync(join(dir, 'model.snapshot.999.tmp'), '{"name":"model"'); // a write cut short by a crash
      await files.write('model', 1, { position: 7n, eventId: 'e7' }, ['["a"]', '["b"]']);
      expect(readdirSync(dir)).toEqual(['model.snapshot']);
      const lines: string[] = [];
      expect(await files.read('model', 1, (line) => lines.push(line))).toEqual({ position: 7n, eventId: 'e7' });
      expect(lines).toEqual(['["a"]', '["b"]']);
      expect(await files.read('model', 2, () => undefined)).toBeNull();
      expect(await files.read('other', 1, () => undefined)).toBeNull();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
