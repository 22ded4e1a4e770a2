import type { WireAppend, decodeBatch } from './wire-batch.js';

/**
 * `inserted`: false when the event ids had been appended before and nothing was written (the
 * original revision and position are answered); live subscribers are fed only inserted events.
 */
export type WireOutcome =
  | { readonly ok: { readonly revision: number; readonly position: string; readonly inserted: boolean } }
  | { readonly conflict: { readonly code: string; readonly message: string } }
  | { readonly error: string };

/** A batch is the string of wire-batch.ts (one copy, no structured clone of objects). */
export type ToWriter = string | { readonly type: 'close' };
export type FromWriter =
  /** `headBefore`: the last position in the file when the batch's transaction began (it held the write lock). */
  | { readonly type: 'committed'; readonly headBefore: string; readonly outcomes: readonly WireOutcome[] }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'closed' };

export interface WriterData {
  readonly path: string;
  /** Absolute path of better-sqlite3's entry, resolved by the main thread. */
  readonly betterSqlite3: string;
}

/**
 * The body of the writer thread. It runs as `eval` code in a worker (so it works the same from
 * the compiled dist and from Jest's on-the-fly TypeScript), which is why it imports nothing and
 * reaches better-sqlite3 through `require` with a path the main thread resolved. Keep it
 * self-contained: only what is written inside this function exists in the worker, and `decode`
 * (wire-batch.ts's decodeBatch, whose source the main thread sends along).
 *
 * One batch is one transaction (one fsync with synchronous=FULL); each append sits in its own
 * savepoint, so a failed expectation undoes only that append. The answer goes back only after
 * COMMIT returned, i.e. after the fsync: the main thread resolves nothing before that.
 */
export function writerThread(decode: typeof decodeBatch): void {
  /* eslint-disable @typescript-eslint/no-require-imports -- eval code in a worker has require, not import */
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const { path, betterSqlite3 } = workerData as WriterData;
  const Database = require(betterSqlite3) as typeof import('better-sqlite3');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 5000');
  const lastRevision = db.prepare<[string], { revision: number | null }>('SELECT max(revision) AS revision FROM events WHERE stream = ?');
  const byEventId = db.prepare<[string], { stream: string; revision: number; position: number }>('SELECT stream, revision, position FROM events WHERE event_id = ?');
  const head = db.prepare<[], { head: number | null }>('SELECT max(position) AS head FROM events');
  const insert = db.prepare('INSERT INTO events (event_id, stream, revision, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)');

  class WireConflict extends Error {
    constructor(
      readonly code: string,
      message: string,
    ) {
      super(message);
    }
  }

  /** The original answer when `events` were appended before (same ids, same stream); null when the first id is new. */
  const appendedBefore = (stream: string, events: WireAppend['events']): { revision: number; position: string; inserted: boolean } | null => {
    if (!byEventId.get(events[0]!.eventId)) return null;
    const found = byEventId.get(events[events.length - 1]!.eventId);
    if (!found || found.stream !== stream) {
      throw new WireConflict('EVENT_ID_REUSED', `Event id ${events[0]!.eventId} was already appended with other events or to another stream.`);
    }
    return { revision: found.revision, position: String(found.position), inserted: false };
  };

  const checkExpected = (stream: string, expected: WireAppend['expected']): number | null => {
    const last = lastRevision.get(stream)?.revision ?? null;
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && last === null) ||
      (expected === 'stream_exists' && last !== null) ||
      (typeof expected === 'number' && last === expected);
    if (!ok) {
      throw new WireConflict('WRONG_EXPECTED_REVISION', `Stream ${stream} was expected at ${String(expected)} but is at ${last === null ? 'no_stream' : last}.`);
    }
    return last;
  };

  /** Several events: in a savepoint (a nested transaction), so a throw undoes the events inserted before it. */
  const appendSeveral = ({ stream, events, expected }: WireAppend): { revision: number; position: string; inserted: boolean } =>
    db.transaction(() => {
      const before = appendedBefore(stream, events);
      if (before) return before;
      let revision = checkExpected(stream, expected) ?? -1;
      let position = '0';
      for (const event of events) {
        revision += 1;
        position = String(insert.run(event.eventId, stream, revision, event.type, event.schemaVersion, event.data, event.metadata).lastInsertRowid);
      }
      return { revision, position, inserted: true };
    })();

  /**
   * One event (most appends): no savepoint, since a single INSERT that fails leaves nothing behind
   * (SQLite undoes the failing statement); the SAVEPOINT and RELEASE were ~⅓ of the writer's time
   * (docs/benchmarks.md). The id is looked up only when the expectation or the insert fails: a
   * re-append of an appended event answers what the first append answered, whatever its expectation.
   */
  const appendOne = ({ stream, events, expected }: WireAppend): { revision: number; position: string; inserted: boolean } => {
    const event = events[0]!;
    let last: number | null;
    try {
      last = checkExpected(stream, expected);
    } catch (conflict) {
      const before = appendedBefore(stream, events);
      if (before) return before;
      throw conflict;
    }
    const revision = (last ?? -1) + 1;
    try {
      const position = String(insert.run(event.eventId, stream, revision, event.type, event.schemaVersion, event.data, event.metadata).lastInsertRowid);
      return { revision, position, inserted: true };
    } catch (error) {
      const before = (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' ? appendedBefore(stream, events) : null;
      if (before) return before;
      throw error;
    }
  };

  const commit = (appends: readonly WireAppend[]): { headBefore: string; outcomes: WireOutcome[] } => {
    const outcomes: WireOutcome[] = [];
    let headBefore = '0';
    // BEGIN IMMEDIATE: take the write lock before reading the expected revision. A deferred
    // transaction that reads, then writes, gets SQLITE_BUSY at once (no busy_timeout wait) when
    // another process (a relay or alerts reactor on the same file) is writing.
    const transaction = db.transaction(() => {
      headBefore = String(head.get()?.head ?? 0);
      for (const append of appends) {
        try {
          // A throw undoes only this append (appendOne and appendSeveral say how).
          outcomes.push({ ok: append.events.length === 1 ? appendOne(append) : appendSeveral(append) });
        } catch (error) {
          outcomes.push(error instanceof WireConflict ? { conflict: { code: error.code, message: error.message } } : { error: String(error) });
        }
      }
    });
    transaction.immediate();
    return { headBefore, outcomes };
  };

  parentPort!.on('message', (message: ToWriter) => {
    if (typeof message !== 'string') {
      db.close();
      parentPort!.postMessage({ type: 'closed' } satisfies FromWriter);
      parentPort!.close();
      return;
    }
    try {
      parentPort!.postMessage({ type: 'committed', ...commit(decode(message)) } satisfies FromWriter);
    } catch (error) {
      parentPort!.postMessage({ type: 'failed', message: String(error) } satisfies FromWriter);
    }
  });
}
