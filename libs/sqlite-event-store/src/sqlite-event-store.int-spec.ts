import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvent } from '#testing/event-store';
import { SqliteEventStore } from './sqlite-event-store.js';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'sqlite-es-'));
}

eventStoreContract('SQLite (better-sqlite3, a real file)', async () => {
  const dir = tempDir();
  const store = new SqliteEventStore({ path: join(dir, 'events.db'), pollIntervalMs: 20 });
  return { store, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
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
    const dir = tempDir();
    const store = new SqliteEventStore({ path: join(dir, 'events.db') });
    const outcomes = await Promise.allSettled([
      store.append('a', [newEvent()], 'no_stream'),
      store.append('b', [newEvent()], 7),
      store.append('c', [newEvent(), newEvent()], 'no_stream'),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await store.readStream('b')).toEqual([]);
    expect(await store.readStream('c')).toHaveLength(2);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses an event id reused on another stream', async () => {
    const dir = tempDir();
    const store = new SqliteEventStore({ path: join(dir, 'events.db') });
    const event = newEvent();
    await store.append('a', [event], 'no_stream');
    await expect(store.append('b', [event], 'no_stream')).rejects.toMatchObject({ code: 'EVENT_ID_REUSED' });
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
