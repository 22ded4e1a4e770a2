import {
  type AppendStreamState,
  BACKWARDS,
  END,
  ErrorType,
  excludeSystemEvents,
  isCommandError,
  KurrentDBClient,
  type ReadPosition,
  type ResolvedEvent,
  START,
} from '@kurrent/kurrentdb-client';
import { Conflict } from '#libs/errors';
import type { NewEvent, RecordedEvent } from '#libs/events';
import { type AppendResult, EventStore, type ExpectedRevision, type ReadAllOptions, type ReadStreamOptions, type SubscribeAllOptions } from '#libs/event-store';
import { toEventData, toRecordedEvent } from './envelope-mapping.js';
import { isUnavailable, type RetryOptions, unavailable, withUnavailableRetry } from './unavailable-retry.js';

export interface KurrentDbEventStoreOptions {
  /** Bounded retry with exponential backoff while the server is unavailable. */
  readonly retry?: RetryOptions;
}

function isErrorOfType(error: unknown, type: ErrorType): boolean {
  return error instanceof Error && isCommandError(error) && error.type === type;
}

function streamState(expected: ExpectedRevision): AppendStreamState {
  return typeof expected === 'number' ? BigInt(expected) : expected;
}

/** Where a read starts for an exclusive `after`; 0n is "empty store", i.e. the start. */
function startOf(after: bigint | undefined): ReadPosition {
  return after === undefined || after === 0n ? START : { commit: after, prepare: after };
}

function commitPositionOf(resolved: ResolvedEvent): bigint | undefined {
  const commit = resolved.event?.position?.commit ?? resolved.commitPosition;
  return commit === undefined ? undefined : BigInt(commit);
}

/**
 * The EventStore port on KurrentDB (formerly EventStoreDB) through @kurrent/kurrentdb-client
 * 1.3.1, pinned exactly: the test stand-in builds on that version's generated stubs.
 *
 * `connectionString` e.g. `kurrentdb://127.0.0.1:2113?tls=false`. Positions are $all commit
 * positions. $all reads include their start position while the port's `after` is exclusive,
 * so reads start at `after` and drop it; subscriptions already exclude it (TESTING.md,
 * measured). System records ($-prefixed types/streams) never reach callers.
 */
export class KurrentDbEventStore extends EventStore {
  private readonly client: KurrentDBClient;

  constructor(
    connectionString: string,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {
    super();
    this.client = KurrentDBClient.connectionString(connectionString);
  }

  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    // As the SQLite adapter: an empty append has no result to answer.
    if (events.length === 0) return Promise.reject(new Error('append needs at least one event'));
    return withUnavailableRetry(() => this.appendOnce(stream, events, expected), this.options.retry);
  }

  readStream(stream: string, { fromRevision }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    return withUnavailableRetry(async () => {
      try {
        // fromRevision is inclusive on the server too; past the end it answers no events.
        return await this.collect(this.client.readStream(stream, { fromRevision: fromRevision ? BigInt(fromRevision) : START }));
      } catch (error) {
        if (isErrorOfType(error, ErrorType.STREAM_NOT_FOUND)) return [];
        throw error;
      }
    }, this.options.retry);
  }

  readAll({ after, limit }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return withUnavailableRetry(async () => {
      // One more than asked for: the event at `after` itself comes back first.
      const maxCount = limit === undefined ? undefined : limit + 1;
      const read = this.client.readAll({ fromPosition: startOf(after), maxCount, filter: excludeSystemEvents() });
      const events = (await this.collect(read)).filter((e) => after === undefined || e.position > after);
      return limit === undefined ? events : events.slice(0, limit);
    }, this.options.retry);
  }

  headPosition(): Promise<bigint> {
    return withUnavailableRetry(async () => {
      for await (const resolved of this.client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1, filter: excludeSystemEvents() })) {
        return commitPositionOf(resolved) ?? 0n;
      }
      return 0n;
    }, this.options.retry);
  }

  /**
   * Catch-up then live, from the exclusive checkpoint. Not retried inside: when the server
   * goes away the iterator throws DependencyUnavailable and the caller resubscribes from its
   * own last checkpoint.
   */
  async *subscribeAll({ after, signal }: SubscribeAllOptions = {}): AsyncIterable<RecordedEvent> {
    if (signal?.aborted) return;
    const subscription = this.client.subscribeToAll({ fromPosition: startOf(after), filter: excludeSystemEvents() });
    const stop = () => void subscription.unsubscribe();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      for await (const resolved of subscription) {
        if (signal?.aborted) return;
        const event = toRecordedEvent(resolved);
        if (event && (after === undefined || event.position > after)) yield event;
      }
    } catch (error) {
      if (signal?.aborted) return;
      // We did not cancel it, so the server did (a shutting-down server cancels its calls).
      const lost = isUnavailable(error) || isErrorOfType(error, ErrorType.CANCELLED);
      throw lost ? unavailable(error) : error;
    } finally {
      signal?.removeEventListener('abort', stop);
      await subscription.unsubscribe();
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private async appendOnce(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    try {
      const result = await this.client.appendToStream(stream, events.map(toEventData), { streamState: streamState(expected) });
      if (result.position) return { revision: Number(result.nextExpectedRevision), position: result.position.commit };
    } catch (error) {
      if (!isErrorOfType(error, ErrorType.WRONG_EXPECTED_VERSION)) throw error;
      // A retry whose first try did land meets its own events: answer the original result.
      const original = await this.findAppended(stream, events);
      if (original) return original;
      throw new Conflict('WRONG_EXPECTED_REVISION', `Stream ${stream} is not at the expected revision ${String(expected)}.`);
    }
    // Success without a position: the server recognized a retry of events it already holds.
    const original = await this.findAppended(stream, events);
    if (original) return original;
    throw new Error(`KurrentDB acknowledged an append to ${stream} without a position, and its events are not in the stream`);
  }

  /** The original result of an append whose events are already, consecutively, in the stream. */
  private async findAppended(stream: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
    if (events.length === 0) return undefined;
    const existing = await this.readStream(stream);
    const first = existing.findIndex((e) => e.eventId === events[0]!.eventId);
    if (first < 0 || !events.every((e, i) => existing[first + i]?.eventId === e.eventId)) return undefined;
    const last = existing[first + events.length - 1]!;
    return { revision: last.revision, position: last.position };
  }

  private async collect(read: AsyncIterable<ResolvedEvent>): Promise<RecordedEvent[]> {
    const out: RecordedEvent[] = [];
    for await (const resolved of read) {
      const event = toRecordedEvent(resolved);
      if (event) out.push(event);
    }
    return out;
  }
}
