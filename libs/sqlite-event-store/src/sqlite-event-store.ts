import Database from 'better-sqlite3';
import { EventEmitter, once } from 'node:events';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Conflict } from '#libs/errors';
import type { NewEvent, RecordedEvent } from '#libs/events';
import { type AppendResult, EventStore, type ExpectedRevision, type ReadAllOptions, type ReadStreamOptions, type SubscribeAllOptions } from '#libs/event-store';
import { RecentEvents } from './recent-events.js';
import { committedEvents } from './committed-events.js';
import { type FromWriter, type ToWriter, type WireOutcome, type WriterData, writerThread } from './sqlite-writer.js';
import { FIELD_SEPARATOR, type WireAppend, decodeBatch, encodeAppend } from './wire-batch.js';

const WRITER_SOURCE = `(${writerThread.toString()})(${decodeBatch.toString()})`;
const BETTER_SQLITE3 = createRequire(import.meta.url).resolve('better-sqlite3');

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
  wire: WireAppend;
  /** The wire text of this append (wire-batch.ts). */
  encoded: string;
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
  /** Events the live subscriptions share decoded (RecentEvents); default 10,000. */
  readonly recentEvents?: number;
  /**
   * This store makes (nearly) every append to the file: it then remembers each stream's last
   * revision from its own appends and reads, and answers a read of a stream from past that
   * revision without a query (the api's StreamExecutor asks for the tail of a cached stream 2–4
   * times a write; that SELECT was 9 % of its main thread, docs/benchmarks.md). A revision
   * appended by another store is seen once an append of ours to that stream conflicts (the
   * conflict forgets the stream), so decisions stay exact; a plain read may miss it until then.
   * The embedded api is such a store; default false.
   */
  readonly soleWriter?: boolean;
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
 * thousands of writes per second, appends are group-committed: the appends requested in one
 * turn of the event loop, and all those requested while the previous commit was running, join
 * one transaction (one fsync), each inside its own savepoint so a failed expectation rejects
 * only its own append. Promises resolve only after the commit returned.
 *
 * Writes run on a worker thread (sqlite-writer.ts) with its own connection: better-sqlite3 is
 * synchronous, and an fsync on the event loop stalled every request of the api for its whole
 * duration (docs/benchmarks.md). Reads stay on this thread's connection; WAL lets them run
 * beside the writer, and a read started after an append resolved sees that append.
 */
export class SqliteEventStore extends EventStore {
  private readonly db: Database.Database;
  private readonly path: string;
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private inFlight: PendingAppend[] | null = null;
  private flushScheduled = false;
  private writer: Worker | null = null;
  private writerFailure: Error | null = null;
  private closed = false;
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly recent: RecentEvents;
  /** Position of the last event this store committed (-1: none yet). */
  private ownHead = -1n;
  /** Last revision per stream (soleWriter only): from our appends and reads. */
  private readonly knownRevisions: Map<string, number> | null;
  private readonly statements;

  constructor(options: SqliteEventStoreOptions) {
    super();
    mkdirSync(dirname(options.path), { recursive: true });
    this.path = options.path;
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(SCHEMA);
    this.db.defaultSafeIntegers(false);
    this.pollIntervalMs = options.pollIntervalMs ?? 250;
    this.pageSize = options.pageSize ?? 1000;
    this.recent = new RecentEvents(options.recentEvents ?? 10_000);
    this.knownRevisions = options.soleWriter ? new Map() : null;
    this.appended.setMaxListeners(0);
    this.statements = {
      // Served by the UNIQUE (stream, revision) index: a tail read touches only the newer rows.
      readStream: this.db.prepare<[string, number], EventRow>('SELECT * FROM events WHERE stream = ? AND revision >= ? ORDER BY revision').safeIntegers(true),
      readAll: this.db.prepare<[bigint, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position LIMIT ?').safeIntegers(true),
      head: this.db.prepare<[], { head: bigint | null }>('SELECT max(position) AS head FROM events').safeIntegers(true),
    };
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    if (this.closed) return Promise.reject(new Error('The event store is closed.'));
    if (this.writerFailure) return Promise.reject(this.writerFailure);
    let wire: WireAppend;
    let encoded: string;
    try {
      wire = { stream, expected, events: events.map((e) => ({ eventId: e.eventId, type: e.type, schemaVersion: e.schemaVersion, data: JSON.stringify(e.data), metadata: JSON.stringify(e.metadata) })) };
      encoded = encodeAppend(wire);
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ wire, encoded, resolve, reject });
      // While a commit runs, appends wait for it and then go together in the next one.
      if (!this.flushScheduled && !this.inFlight) {
        this.flushScheduled = true;
        setImmediate(() => {
          this.flushScheduled = false;
          this.send();
        });
      }
    });
  }

  /** Hands everything queued to the writer as one transaction. */
  private send(): void {
    if (this.inFlight || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    this.inFlight = batch;
    const writer = this.startedWriter();
    // Kept referenced only while a commit is outstanding: an idle store does not hold the process open.
    writer.ref();
    writer.postMessage(batch.map((p) => p.encoded).join(FIELD_SEPARATOR) satisfies ToWriter);
  }

  private startedWriter(): Worker {
    if (this.writer) return this.writer;
    const writer = new Worker(WRITER_SOURCE, { eval: true, workerData: { path: this.path, betterSqlite3: BETTER_SQLITE3 } satisfies WriterData });
    writer.on('message', (message: FromWriter) => this.onWriterMessage(message));
    writer.on('error', (error) => this.onWriterGone(error));
    writer.on('exit', (code) => this.onWriterGone(new Error(`The SQLite writer thread exited (code ${code}).`)));
    this.writer = writer;
    return writer;
  }

  private onWriterMessage(message: FromWriter): void {
    if (message.type === 'closed') return;
    const batch = this.inFlight ?? [];
    this.inFlight = null;
    if (message.type === 'failed') batch.forEach((p) => p.reject(new Error(message.message)));
    else {
      for (const outcome of message.outcomes) if ('ok' in outcome && outcome.ok.inserted) this.ownHead = maxOf(this.ownHead, BigInt(outcome.ok.position));
      this.feedSubscriptions(batch, message);
      batch.forEach((p, i) => settle(p, message.outcomes[i]!, this.knownRevisions));
    }
    this.appended.emit('appended');
    if (this.queue.length > 0) this.send();
    else {
      this.writer?.unref();
      this.appended.emit('idle');
    }
  }

  /**
   * The live subscriptions get the events just committed from memory (RecentEvents) instead of each
   * commit being read back and decoded from the file (SELECT + JSON.parse were ~5 % of the api's main
   * thread, docs/benchmarks.md). The batch held the write lock, so it is every event between
   * `headBefore` and its last position; RecentEvents keeps it only when it continues its range.
   */
  private feedSubscriptions(batch: readonly PendingAppend[], message: Extract<FromWriter, { type: 'committed' }>): void {
    const headBefore = BigInt(message.headBefore);
    if (!this.recent.continues(headBefore)) return;
    const events = committedEvents(headBefore, batch.map((p) => p.wire), message.outcomes);
    if (events === undefined || events.length === 0) return;
    this.recent.add(headBefore, events);
  }

  /** The writer crashed or exited: whatever waits for it fails, and so does every later append. */
  private onWriterGone(error: Error): void {
    if (this.closed && !this.inFlight && this.queue.length === 0) return;
    this.writerFailure ??= error;
    const waiting = [...(this.inFlight ?? []), ...this.queue];
    this.inFlight = null;
    this.queue = [];
    waiting.forEach((p) => p.reject(this.writerFailure));
    this.appended.emit('idle');
  }

  async readStream(stream: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0;
    const known = this.knownRevisions?.get(stream);
    if (known !== undefined && from > known) return [];
    const events = this.statements.readStream.all(stream, from).map(toRecorded);
    if (this.knownRevisions && events.length > 0) remember(this.knownRevisions, stream, events.at(-1)!.revision);
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.statements.readAll.all(options.after ?? 0n, options.limit ?? Number.MAX_SAFE_INTEGER).map(toRecorded);
  }

  async *subscribeAll(options: SubscribeAllOptions = {}): AsyncIterable<RecordedEvent> {
    let checkpoint = options.after ?? 0n;
    const signal = options.signal;
    let woken: Wake = 'poll';
    while (!signal?.aborted) {
      // Our commits (feedSubscriptions) and pages other subscriptions read are shared in RecentEvents.
      const shared = this.recent.from(checkpoint, this.pageSize);
      let page: RecordedEvent[];
      if (shared?.length) page = shared;
      // Woken by our commit with everything we committed in memory and seen: no need to ask the
      // file (another process's appends are looked for when the poll interval wakes us).
      else if (shared && woken === 'commit' && checkpoint === this.ownHead) page = [];
      else {
        page = this.statements.readAll.all(checkpoint, this.pageSize).map(toRecorded);
        this.recent.add(checkpoint, page);
      }
      for (const event of page) {
        if (signal?.aborted) return;
        yield event;
        checkpoint = event.position;
      }
      if (page !== shared && page.length < this.pageSize) woken = await this.waitForAppend(signal);
    }
  }

  /** Resolves on our own next commit ('commit'), after the poll interval (other processes), or on abort. */
  private waitForAppend(signal?: AbortSignal): Promise<Wake> {
    return new Promise((resolve) => {
      const done = (wake: Wake) => () => {
        clearTimeout(timer);
        this.appended.off('appended', onCommit);
        signal?.removeEventListener('abort', onAbort);
        resolve(wake);
      };
      const onCommit = done('commit');
      const onAbort = done('poll');
      const timer = setTimeout(done('poll'), this.pollIntervalMs);
      this.appended.on('appended', onCommit);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async headPosition(): Promise<bigint> {
    return this.statements.head.get()?.head ?? 0n;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Appends already asked for are committed (and answered) before the writer stops.
    if (this.inFlight || this.queue.length > 0) await once(this.appended, 'idle');
    const writer = this.writer;
    if (writer && !this.writerFailure) {
      const exited = once(writer, 'exit');
      // Referenced again: an idle writer is unreferenced, and nothing else may keep the process up while it closes.
      writer.ref();
      writer.postMessage({ type: 'close' } satisfies ToWriter);
      await exited;
    }
    this.appended.emit('appended');
    this.db.close();
  }
}

/** Why a waiting subscription woke: our own commit, or the poll interval (or an abort) after which it reads the file. */
type Wake = 'commit' | 'poll';

function maxOf(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function settle(pending: PendingAppend, outcome: WireOutcome, knownRevisions: Map<string, number> | null): void {
  if ('ok' in outcome) {
    if (knownRevisions) remember(knownRevisions, pending.wire.stream, outcome.ok.revision);
    pending.resolve({ revision: outcome.ok.revision, position: BigInt(outcome.ok.position) });
    return;
  }
  // Someone else appended to this stream (or our view of it is off): read it from the file again.
  knownRevisions?.delete(pending.wire.stream);
  if ('conflict' in outcome) pending.reject(new Conflict(outcome.conflict.code, outcome.conflict.message));
  else pending.reject(new Error(outcome.error));
}

/** Bounded like the api's stream cache: forgetting a stream only costs one query when it is read next. */
function remember(knownRevisions: Map<string, number>, stream: string, revision: number): void {
  if ((knownRevisions.get(stream) ?? -1) >= revision) return;
  if (knownRevisions.size >= 100_000 && !knownRevisions.has(stream)) knownRevisions.clear();
  knownRevisions.set(stream, revision);
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
