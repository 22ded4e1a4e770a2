import Database from 'better-sqlite3';
import { EventEmitter } from 'node:events';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Conflict } from '#libs/errors';
import type { NewEvent, RecordedEvent } from '#libs/events';
import { type AppendResult, EventStore, type ExpectedRevision, type ReadAllOptions, type ReadStreamOptions, type SubscribeAllOptions } from '#libs/event-store';

interface EventRow {
  position: number | bigint;
  event_id: string;
  stream: string;
  revision: number;
  type: string;
  schema_version: number;
  data: string;
  metadata: string;
}

interface PendingAppend {
  stream: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export interface SqliteEventStoreOptions {
  /** File path, created with its folder when missing. */
  readonly path: string;
  /** How often a live subscription looks for appends made by another process. */
  readonly pollIntervalMs?: number;
  /** Rows a subscription reads per query while catching up. */
  readonly pageSize?: number;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS events (
    position       INTEGER PRIMARY KEY AUTOINCREMENT, -- global order ($all); AUTOINCREMENT never reuses
    event_id       TEXT NOT NULL UNIQUE,
    stream         TEXT NOT NULL,
    revision       INTEGER NOT NULL,
    type           TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data           TEXT NOT NULL,
    metadata       TEXT NOT NULL,
    UNIQUE (stream, revision)
  );`;

/**
 * The embedded event store: one SQLite file through better-sqlite3 (12.x: 13 crashes on
 * Node 20, TESTING.md).
 *
 * Durability: WAL with synchronous=FULL, so a committed transaction is fsynced before we
 * answer (https://www.sqlite.org/pragma.html#pragma_synchronous). To keep that promise at
 * thousands of writes per second, appends are group-committed: every append requested in
 * the same turn of the event loop joins one transaction (one fsync), each inside its own
 * savepoint so a failed expectation rejects only its own append. Promises resolve only
 * after the commit returned.
 */
export class SqliteEventStore extends EventStore {
  private readonly db: Database.Database;
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly statements;

  constructor(options: SqliteEventStoreOptions) {
    super();
    mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.db.defaultSafeIntegers(false);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.pageSize = options.pageSize ?? 1000;
    this.appended.setMaxListeners(0);
    this.statements = {
      lastRevision: this.db.prepare<[string], { revision: number }>('SELECT max(revision) AS revision FROM events WHERE stream = ?'),
      byEventId: this.db.prepare<[string], { stream: string; revision: number; position: number }>(
        'SELECT stream, revision, position FROM events WHERE event_id = ?',
      ),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream, revision, type, schema_version, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      // Served by the UNIQUE (stream, revision) index: a tail read touches only the newer rows.
      readStream: this.db.prepare<[string, number], EventRow>('SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision').safeIntegers(true),
      readAll: this.db.prepare<[bigint, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?').safeIntegers(true),
      head: this.db.prepare<[], { head: bigint | null }>('SELECT max(position) AS head FROM events').safeIntegers(true),
    };
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return new Promise((resolve, reject) => {
      this.queue.push({ stream, events, expected, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.flushScheduled = false;
    const outcomes: Array<{ ok: AppendResult } | { error: unknown }> = [];
    try {
      this.db.transaction(() => {
        for (const request of batch) {
          try {
            // A nested transaction is a savepoint: a throw undoes only this append.
            outcomes.push({ ok: this.db.transaction(() => this.appendOne(request))() });
          } catch (error) {
            outcomes.push({ error });
          }
        }
      })();
    } catch (error) {
      batch.forEach((request) => request.reject(error));
      return;
    }
    batch.forEach((request, i) => {
      const outcome = outcomes[i]!;
      if ('ok' in outcome) request.resolve(outcome.ok);
      else request.reject(outcome.error);
    });
    this.appended.emit('appended');
  }

  private appendOne({ stream, events, expected }: PendingAppend): AppendResult {
    const already = this.statements.byEventId.get(events[0]!.eventId);
    if (already) return this.replayedResult(stream, events);
    const last = this.statements.lastRevision.get(stream)?.revision ?? null;
    checkExpectation(stream, expected, last);
    let revision = last ?? -1;
    let position = 0n;
    for (const event of events) {
      revision += 1;
      const info = this.statements.insert.run(
        event.eventId,
        stream,
        revision,
        event.type,
        event.schemaVersion,
        JSON.stringify(event.data),
        JSON.stringify(event.metadata),
      );
      position = BigInt(info.lastInsertRowid);
    }
    return { revision, position };
  }

  /** The ids were appended before: answer what that append answered, change nothing. */
  private replayedResult(stream: string, events: readonly NewEvent[]): AppendResult {
    const lastId = events[events.length - 1]!.eventId;
    const found = this.statements.byEventId.get(lastId);
    if (!found || found.stream !== stream) {
      throw new Conflict('EVENT_ID_REUSED', `Event id ${events[0]!.eventId} was already appended with other events or to another stream.`);
    }
    return { revision: found.revision, position: BigInt(found.position) };
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return this.statements.readStream.all(stream, options.fromRevision ?? 0).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.statements.readAll.all(options.after ?? 0n, options.limit ?? Number.MAX_SAFE_INTEGER).map(toRecorded);
  }

  async *subscribeAll(options: SubscribeAllOptions = {}): AsyncIterable<RecordedEvent> {
    let checkpoint = options.after ?? 0n;
    const signal = options.signal;
    while (!signal?.aborted) {
      const page = this.statements.readAll.all(checkpoint, this.pageSize).map(toRecorded);
      for (const event of page) {
        if (signal?.aborted) return;
        yield event;
        checkpoint = event.position;
      }
      if (page.length < this.pageSize) await this.waitForAppend(signal);
    }
  }

  /** Resolves on our own next commit, after the poll interval (other processes), or on abort. */
  private waitForAppend(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('appended', done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.appended.on('appended', done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  async headPosition(): Promise<bigint> {
    return this.statements.head.get()?.head ?? 0n;
  }

  async close(): Promise<void> {
    if (this.queue.length > 0) this.flush();
    this.appended.emit('appended');
    this.db.close();
  }
}

function checkExpectation(stream: string, expected: ExpectedRevision, last: number | null): void {
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && last === null) ||
    (expected === 'stream_exists' && last !== null) ||
    (typeof expected === 'number' && last === expected);
  if (!ok) {
    throw new Conflict(
      'WRONG_EXPECTED_REVISION',
      `Stream ${stream} was expected at ${String(expected)} but is at ${last === null ? 'no_stream' : last}.`,
    );
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    stream: row.stream,
    revision: Number(row.revision),
    position: BigInt(row.position),
    type: row.type,
    schemaVersion: Number(row.schema_version),
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
  };
}
