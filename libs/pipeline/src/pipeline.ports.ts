import type { RecordedEvent } from '#libs/events';

/**
 * The hops between the event store and the analytics store (ARCHITECTURE.md "Data flow").
 * Every hop is at-least-once, so every receiver is idempotent (rows keyed by event id).
 */

/** Relay → transport. Resolves only when the transport has durably accepted every event (broker ack). */
export abstract class EventPublisher {
  abstract publish(events: readonly RecordedEvent[]): Promise<void>;
  abstract close(): Promise<void>;
}

/** What the transport knows about a batch beyond its events. */
export interface BatchContext {
  /**
   * Events already waiting in the transport behind this batch, at least (Kafka: the lag of the
   * batch's partitions when they were fetched). Absent when the transport does not know.
   */
  readonly backlog?: number;
}

/** Receives batches in per-stream order. Throwing makes the consumer redeliver the batch. */
export type BatchHandler = (events: readonly RecordedEvent[], context?: BatchContext) => Promise<void>;

/**
 * Transport → projector. `run` delivers batches (bounded in size and time) to the handler and
 * commits the consumer's offsets only after the handler resolved. It returns when `signal` aborts.
 */
export abstract class EventConsumer {
  abstract run(handler: BatchHandler, signal: AbortSignal): Promise<void>;
}

/** A message that can never be processed: parked with its reason so it never blocks its partition. */
export interface DeadLetter {
  readonly reason: string;
  /** The event when it could be parsed, else the raw message text. */
  readonly event?: RecordedEvent;
  readonly raw?: string;
  readonly key?: string;
}

export abstract class DeadLetterSink {
  abstract send(letter: DeadLetter): Promise<void>;
  /** How many letters this process has sent (exposed on /metrics). */
  abstract count(): number;
}

/** Where the relay remembers the last global position the transport acknowledged. */
export abstract class CheckpointStore {
  /** 0n when nothing was stored yet. */
  abstract load(name: string): Promise<bigint>;
  /** Durable before it resolves. */
  abstract save(name: string, position: bigint): Promise<void>;
}
