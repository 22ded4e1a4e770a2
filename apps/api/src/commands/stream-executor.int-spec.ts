import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NotFound } from '#libs/errors';
import { type AppendResult, type ExpectedRevision, type ReadStreamOptions } from '#libs/event-store';
import type { DomainEvent, NewEvent, RecordedEvent } from '#libs/events';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { DelegatingEventStore } from '#testing/event-store';
import { FixedClock, RandomIdGenerator } from '#libs/system';
import type { CommandContext } from './command-context.js';
import type { Decider } from './decider.js';
import { StreamExecutor } from './stream-executor.js';

interface Tally {
  readonly total: number;
  readonly events: number;
}

/** A toy decider: each command adds a number; the state sums them and counts the events. */
const tally: Decider<{ add: number }, Tally> = {
  initialState: { total: 0, events: 0 },
  evolve: (state, event) => ({ total: state.total + (event.data as unknown as { n: number }).n, events: state.events + 1 }),
  decide: (command) => [{ type: 'Tallied', data: { n: command.add } } as unknown as DomainEvent],
};

function context(org: string): CommandContext {
  return { principal: { sub: 'user-1', org, role: 'director' }, correlationId: 'corr-1' };
}

/**
 * The real SQLite store, recording where each stream read started and, once, letting another
 * writer (a second store instance on the same file) append just before our own append.
 */
class ObservedStore extends DelegatingEventStore {
  readonly readsFrom: number[] = [];
  beforeNextAppend: (() => Promise<unknown>) | null = null;

  override async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const interloper = this.beforeNextAppend;
    this.beforeNextAppend = null;
    await interloper?.();
    return super.append(stream, events, expected);
  }
  override readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    this.readsFrom.push(options?.fromRevision ?? 0);
    return super.readStream(stream, options);
  }
}

describe('StreamExecutor with its cache of folded stream state', () => {
  let dir: string;
  let store: ObservedStore;
  let other: SqliteEventStore;
  let otherExecutor: StreamExecutor;
  let executor: StreamExecutor;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'stream-executor-'));
    const path = join(dir, 'events.db');
    store = new ObservedStore(new SqliteEventStore({ path }));
    other = new SqliteEventStore({ path });
    const clock = new FixedClock(new Date('2026-03-01T10:00:00Z'));
    executor = new StreamExecutor(store, clock, new RandomIdGenerator());
    otherExecutor = new StreamExecutor(other, clock, new RandomIdGenerator());
  });

  afterEach(async () => {
    await store.close();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads only the events after the cached revision, and sees what another store instance appended', async () => {
    await executor.execute('tally-1', tally, { add: 2 }, context('org-a'));
    await executor.execute('tally-1', tally, { add: 3 }, context('org-a'));
    // Another writer on the same file, which our executor's cache knows nothing about.
    await otherExecutor.execute('tally-1', tally, { add: 10 }, context('org-a'));
    store.readsFrom.length = 0;
    const loaded = await executor.load('tally-1', tally, 'org-a');
    expect(loaded).toEqual({ state: { total: 15, events: 3 }, exists: true, revision: 2 });
    expect(store.readsFrom).toEqual([2]);
    const appended = await executor.execute('tally-1', tally, { add: 1 }, context('org-a'));
    expect(appended.state).toEqual({ total: 16, events: 4 });
    expect(store.readsFrom).toEqual([2, 3]);
    // And the other writer's executor, whose cache stopped at revision 2, catches up the same way.
    expect(await otherExecutor.load('tally-1', tally, 'org-a')).toEqual({ state: { total: 16, events: 4 }, exists: true, revision: 3 });
  });

  it('keeps the cached state when an append loses a race: the retry reads only what the winner appended', async () => {
    await executor.execute('tally-2', tally, { add: 1 }, context('org-a'));
    await executor.load('tally-2', tally, 'org-a');
    store.readsFrom.length = 0;
    store.beforeNextAppend = () => other.append('tally-2', [interloper(5)], 0);
    const appended = await executor.execute('tally-2', tally, { add: 100 }, context('org-a'));
    // First attempt from the cache (after revision 0), conflict, then the tail from revision 1 (the interloper's event).
    expect(store.readsFrom).toEqual([1, 1]);
    expect(appended.revision).toBe(2);
    expect(appended.state).toEqual({ total: 106, events: 3 });
    expect((await other.readStream('tally-2')).map((e) => e.revision)).toEqual([0, 1, 2]);
  });

  it('queues concurrent writes to one stream: each decides once, on its predecessor\'s state, none loses a race', async () => {
    await executor.execute('tally-q', tally, { add: 1 }, context('org-a'));
    store.readsFrom.length = 0;
    const results = await Promise.all(Array.from({ length: 20 }, () => executor.execute('tally-q', tally, { add: 1 }, context('org-a'))));
    expect(results.map((r) => r.revision)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(results.at(-1)!.state).toEqual({ total: 21, events: 21 });
    // One tail read per write, each from the revision after its predecessor's: no retry, no re-read.
    expect(store.readsFrom).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('never serves a stream of another organization, cached or not', async () => {
    await executor.execute('tally-3', tally, { add: 4 }, context('org-a'));
    expect((await executor.load('tally-3', tally, 'org-a')).exists).toBe(true);
    expect(await executor.load('tally-3', tally, 'org-b')).toEqual({ state: tally.initialState, exists: false, revision: null });
    await expect(executor.loadExisting('tally-3', tally, 'org-b', 'tally', 'tally-3')).rejects.toBeInstanceOf(NotFound);
    await expect(executor.execute('tally-3', tally, { add: 1 }, context('org-b'), { mustExist: { what: 'tally', id: 'tally-3' } })).rejects.toMatchObject({
      code: 'TALLY_NOT_FOUND',
    });
    // A cold cache filled by the other organization's read still answers 404 to it and the state to the owner.
    const cold = new StreamExecutor(store, new FixedClock(new Date()), new RandomIdGenerator());
    expect((await cold.load('tally-3', tally, 'org-b')).exists).toBe(false);
    expect((await cold.load('tally-3', tally, 'org-b')).exists).toBe(false);
    expect(await cold.load('tally-3', tally, 'org-a')).toEqual({ state: { total: 4, events: 1 }, exists: true, revision: 0 });
  });

  it('answers a missing stream as not existing and does not cache it', async () => {
    expect(await executor.load('tally-none', tally, 'org-a')).toEqual({ state: tally.initialState, exists: false, revision: null });
    await other.append('tally-none', [interloper(7)], 'no_stream');
    expect(await executor.load('tally-none', tally, 'org-a')).toEqual({ state: { total: 7, events: 1 }, exists: true, revision: 0 });
  });
});

function interloper(n: number): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'Tallied',
    schemaVersion: 1,
    data: { n },
    metadata: {
      org: 'org-a',
      actor: { userId: 'someone-else', role: 'director' },
      occurredAt: '2026-03-01T09:00:00.000Z',
      recordedAt: '2026-03-01T09:00:00.000Z',
      correlationId: 'corr-2',
      causationId: null,
    },
  };
}
