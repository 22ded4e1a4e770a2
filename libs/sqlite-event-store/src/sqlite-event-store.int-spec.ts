import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import type { RecordedEvent } from '#libs/events';
import { eventStoreContract, newEvent } from '#testing/event-store';
import { SqliteEventStore } from './sqlite-event-store.js';

const require = createRequire(import.meta.url);

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sqlite-es-'));
}

/** A store on a file of its own; `dispose` closes it and removes the folder. */
function freshStore(options: Omit<ConstructorParameters<typeof SqliteEventStore>[0], 'path'> = {}) {
  const dir = tempDir();
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), ...options });
  return { store, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

/** `run` with a fresh store, disposed of afterwards, also when `run` throws. */
async function withFreshStore(run: (store: SqliteEventStore) => Promise<void>): Promise<void> {
  const { store, dispose } = freshStore();
  try {
    await run(store);
  } finally {
    await dispose();
  }
}

eventStoreContract('SQLite (better-sqlite3, a real file)', async () => freshStore({ pollIntervalMs: 20 }));

eventStoreContract('SQLite as the sole writer of its file (reads past a known revision answered from memory)', async () => freshStore({ pollIntervalMs: 20, soleWriter: true }));

describe('SqliteEventStore as sole writer, when another store writes the file after all', () => {
  it('forgets what it knew of a stream once an append to it conflicts, and then reads the other store\'s events', async () => {
    const dir = tempDir();
    const path = join(dir, 'events.db');
    const sole = new SqliteEventStore({ path, soleWriter: true });
    const other = new SqliteEventStore({ path });
    await sole.append('s', [newEvent('A')], 'no_stream');
    await other.append('s', [newEvent('B')], 0);
    // Known revision 0 from its own append: the tail read is answered from memory, without B.
    expect(await sole.readStream('s', { fromRevision: 1 })).toEqual([]);
    await expect(sole.append('s', [newEvent('C')], 0)).rejects.toMatchObject({ code: 'WRONG_EXPECTED_REVISION' });
    expect((await sole.readStream('s', { fromRevision: 1 })).map((e) => e.type)).toEqual(['B']);
    await sole.append('s', [newEvent('C')], 1);
    expect((await sole.readStream('s')).map((e) => e.type)).toEqual(['A', 'B', 'C']);
    expect(await sole.readStream('s', { fromRevision: 3 })).toEqual([]);
    await sole.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('SqliteEventStore specifics', () => {
  it('keeps appended events across a reopen of the file', async () => {
    const dir = tempDir();
    const path = join(dir, 'events.db');
    const first = new SqliteEventStore({ path });
    const result = await first.append('s-1', [newEvent('A'), newEvent('B')], 'no_stream');
    await first.close();
    const second = new SqliteEventStore({ path });
    expect((await second.readStream('s-1')).map((e) => e.type)).toEqual(['A', 'B']);
    expect(await second.headPosition()).toBe(result.position);
    await second.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('group-commits appends of one tick and rejects only the failing one', async () => {
    await withFreshStore(async (store) => {
      const outcomes = await Promise.allSettled([
        store.append('a', [newEvent()], 'no_stream'),
        store.append('b', [newEvent()], 7),
        store.append('c', [newEvent(), newEvent()], 'no_stream'),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect(await store.readStream('b')).toEqual([]);
      expect(await store.readStream('c')).toHaveLength(2);
    });
  });

  it('refuses an event id reused on another stream', async () => {
    await withFreshStore(async (store) => {
      const event = newEvent();
      await store.append('a', [event], 'no_stream');
      await expect(store.append('b', [event], 'no_stream')).rejects.toMatchObject({ code: 'EVENT_ID_REUSED' });
    });
  });

  it('answers a re-append of one event with the original result, whatever its expectation, and appends nothing', async () => {
    await withFreshStore(async (store) => {
      const event = newEvent();
      const first = await store.append('s', [event], 'no_stream');
      await store.append('s', [newEvent()], 0);
      // A stale expectation (the lookup after the failed check) and 'any' (the lookup after the failed insert).
      for (const expected of ['no_stream', 0, 'any', 'stream_exists'] as const) {
        expect(await store.append('s', [event], expected)).toEqual(first);
      }
      expect((await store.readStream('s')).map((e) => e.eventId)).toEqual([event.eventId, expect.any(String)]);
      await expect(store.append('other', [event], 'any')).rejects.toMatchObject({ code: 'EVENT_ID_REUSED' });
      expect(await store.readStream('other')).toEqual([]);
    });
  });

  it('undoes only the failing append of a batch: one event, or several of which a later one was appended before', async () => {
    await withFreshStore(async (store) => {
      const appended = newEvent();
      await store.append('x', [appended], 'no_stream');
      const outcomes = await Promise.allSettled([
        store.append('a', [newEvent()], 'no_stream'),
        store.append('b', [newEvent(), appended], 'no_stream'),
        store.append('c', [appended], 'no_stream'),
        store.append('d', [newEvent()], 'no_stream'),
      ]);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect(await store.readStream('b')).toEqual([]);
      expect(await store.readStream('c')).toEqual([]);
      expect((await store.readAll()).map((e) => e.stream)).toEqual(['x', 'a', 'd']);
      expect((await store.readAll()).map((e) => e.position)).toEqual([1n, 2n, 3n]);
    });
  });

  it('commits the appends asked for before close, then refuses new ones', async () => {
    const dir = tempDir();
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore({ path });
    const pending = [store.append('s', [newEvent('A')], 'no_stream'), store.append('s', [newEvent('B')], 0)];
    await store.close();
    await expect(Promise.all(pending)).resolves.toHaveLength(2);
    await expect(store.append('s', [newEvent('C')], 1)).rejects.toThrow(/closed/);
    const reopened = new SqliteEventStore({ path });
    expect((await reopened.readStream('s')).map((e) => e.type)).toEqual(['A', 'B']);
    await reopened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps expected revisions exact between two stores (two writer threads) on one file', async () => {
    const dir = tempDir();
    const path = join(dir, 'events.db');
    const [one, two] = [new SqliteEventStore({ path }), new SqliteEventStore({ path })];
    await one.append('shared', [newEvent()], 'no_stream');
    const outcomes = await Promise.allSettled([one.append('shared', [newEvent()], 0), two.append('shared', [newEvent()], 0)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({ reason: { code: 'WRONG_EXPECTED_REVISION' } });
    // What one writer committed, the other store reads as soon as the append resolved.
    const third = await two.append('shared', [newEvent('Last')], 1);
    expect((await one.readStream('shared', { fromRevision: third.revision })).map((e) => e.type)).toEqual(['Last']);
    await Promise.all([one.close(), two.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects an append whose data cannot be stored as JSON, and nothing else', async () => {
    await withFreshStore(async (store) => {
      await expect(store.append('s', [newEvent('Bad', { n: 1n })], 'no_stream')).rejects.toThrow(/BigInt/);
      await expect(store.append('s', [newEvent('Good')], 'no_stream')).resolves.toMatchObject({ revision: 0 });
    });
  });
});

/**
 * Another process writing the same file (a relay process whose alerts reactor appends beside the
 * api). Its loop reads the stream's last revision and inserts in one transaction, committing
 * often, as a second SqliteEventStore process would. Locks between processes are what matter:
 * two connections in one process do not show the failure.
 */
const OTHER_WRITER = `
const Database = require(process.argv[1]);
const db = new Database(process.argv[2]);
db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000');
const last = db.prepare('SELECT max(revision) AS r FROM events WHERE stream = ?');
const insert = db.prepare("INSERT INTO events (event_id, stream, revision, type, schema_version, data, metadata) VALUES (?, ?, ?, 'T', 1, '{}', '{}')");
const deadline = Date.now() + 1500;
for (let i = 0; Date.now() < deadline; i++) {
  try { db.transaction(() => { const r = last.get('other').r; insert.run('other-' + i + '-' + process.pid, 'other', r === null ? 0 : r + 1); }).immediate(); } catch {}
}
`;

describe('subscriptions sharing the events they read (RecentEvents)', () => {
  it('gives every subscriber, live or far behind, every event once and in order while appends go on', async () => {
    const dir = tempDir();
    // A tiny shared range and pages, so subscribers move in and out of it.
    const store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 10, pageSize: 7, recentEvents: 5 });
    for (let i = 0; i < 40; i++) await store.append(`s-${i % 4}`, [newEvent('Early', { i })], 'any');
    const total = 120;
    const controller = new AbortController();
    const follow = async (after: bigint) => {
      const seen: number[] = [];
      for await (const event of store.subscribeAll({ after, signal: controller.signal })) {
        seen.push(Number(event.position));
        if (event.position >= BigInt(total)) break;
      }
      return seen;
    };
    const followers = [follow(0n), follow(0n), follow(20n), follow(40n), follow(40n)];
    for (let i = 40; i < total; i++) await store.append(`s-${i % 4}`, [newEvent('Later', { i })], 'any');
    const seen = await Promise.all(followers);
    controller.abort();
    const range = (from: number) => Array.from({ length: total - from }, (_, k) => from + 1 + k);
    expect(seen).toEqual([range(0), range(0), range(20), range(40), range(40)]);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('another process writing the same file', () => {
  it('never fails an append with "database is locked": each commit takes the write lock before reading', async () => {
    const dir = tempDir();
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore({ path });
    await store.append('warm-up', [newEvent()], 'no_stream');
    const other = spawn(process.execPath, ['-e', OTHER_WRITER, require.resolve('better-sqlite3'), path], { stdio: 'ignore' });
    const rejected: unknown[] = [];
    const until = Date.now() + 1200;
    for (let i = 0; Date.now() < until; i++) {
      const batch = Array.from({ length: 20 }, (_, j) => store.append(`ours-${j}`, [newEvent()], 'any'));
      for (const outcome of await Promise.allSettled(batch)) if (outcome.status === 'rejected') rejected.push(outcome.reason);
    }
    await new Promise((resolve) => other.on('exit', resolve));
    expect(rejected.map(String)).toEqual([]);
    expect((await store.readAll()).filter((e) => e.stream === 'other').length).toBeGreaterThan(0);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives a live subscription every event of the file once and in order, ours (from memory) and the other process\'s', async () => {
    const dir = tempDir();
    const path = join(dir, 'events.db');
    const store = new SqliteEventStore({ path, pollIntervalMs: 15, soleWriter: true });
    await store.append('warm-up', [newEvent()], 'no_stream');
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    const following = (async () => {
      for await (const event of store.subscribeAll({ signal: controller.signal })) seen.push(event);
    })();
    const other = spawn(process.execPath, ['-e', OTHER_WRITER, require.resolve('better-sqlite3'), path], { stdio: 'ignore' });
    const until = Date.now() + 1200;
    for (let i = 0; Date.now() < until; i++) await Promise.allSettled(Array.from({ length: 10 }, (_, j) => store.append(`ours-${j}`, [newEvent('Ours', { i, j }), newEvent('Ours2')], 'any')));
    await new Promise((resolve) => other.on('exit', resolve));
    const last = await store.append('last', [newEvent('Last')], 'no_stream');
    while (seen.at(-1)?.position !== last.position) await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    await following;
    const file = await store.readAll();
    expect(file.some((e) => e.stream === 'other')).toBe(true);
    // The whole envelope, as a read of the file gives it (data and metadata decoded alike).
    expect(seen).toEqual(file);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
