import type { NewEvent, RecordedEvent } from '#libs/events';

/**
 * What the writer expects of the stream before its append:
 * - a number: the stream's current last revision must be exactly this;
 * - 'no_stream': the stream must not exist (creating a resource);
 * - 'stream_exists': it must exist; 'any': no check.
 */
export type ExpectedRevision = number | 'no_stream' | 'stream_exists' | 'any';

export interface AppendResult {
  /** Revision of the last event of this append in its stream. */
  readonly revision: number;
  /** Global position of the last event of this append. */
  readonly position: bigint;
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Omit to read from the start. */
  readonly after?: bigint;
  readonly limit?: number;
}

export interface ReadStreamOptions {
  /**
   * Inclusive: only events whose revision is at least this (KurrentDB's `fromRevision`).
   * Omit to read from revision 0. A reader that keeps folded state up to revision r reads
   * with `r + 1` and gets only what is newer.
   */
  readonly fromRevision?: number;
}

export interface SubscribeAllOptions {
  /** Exclusive checkpoint: delivery starts strictly after it. Omit for the whole log. */
  readonly after?: bigint;
  /** Stops the subscription; the iterator then ends. */
  readonly signal?: AbortSignal;
}

/**
 * The event store port (ARCHITECTURE.md "Ports and adapters"). Also the Nest DI token.
 *
 * Contract (libs/event-store/src/testing is the suite every adapter passes):
 * - append is atomic for its events, checks `expected`, and is durable before it resolves;
 *   a wrong expectation rejects with `Conflict` code `WRONG_EXPECTED_REVISION`;
 * - appending events whose ids were already appended to the same stream is a no-op that
 *   answers the original result (at-least-once callers retry safely);
 * - readAll and subscribeAll deliver in global order; subscribeAll catches up from the
 *   checkpoint, then follows live appends until aborted;
 * - a server that cannot be reached rejects with `DependencyUnavailable`.
 */
export abstract class EventStore {
  abstract append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** The events of a stream in revision order, from `fromRevision` on; [] when there are none. */
  abstract readStream(stream: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  abstract readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  abstract subscribeAll(options?: SubscribeAllOptions): AsyncIterable<RecordedEvent>;
  /** Position of the last event in the store; 0n when empty. */
  abstract headPosition(): Promise<bigint>;
  abstract close(): Promise<void>;
}
