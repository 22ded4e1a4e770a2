/**
 * The one event envelope (ARCHITECTURE.md principle 2). Events are the published language:
 * plain readonly values, past-tense type names, additive changes only (otherwise a V2 type
 * and an upcaster applied on read).
 */

/** Who caused an event. Ids only, never identifiers of a person (PRIVACY.md). */
export interface Actor {
  readonly userId: string;
  readonly role: string;
}

export interface EventMetadata {
  /** Organization (tenant) the event belongs to; every read is scoped by it. */
  readonly org: string;
  readonly actor: Actor;
  /** When it happened in the world (a paper form filled in last week: last week). ISO 8601 UTC. */
  readonly occurredAt: string;
  /** When we recorded it. ISO 8601 UTC. Back-entered forms make the two differ. */
  readonly recordedAt: string;
  readonly correlationId: string;
  readonly causationId: string | null;
}

/** An event about to be appended. `eventId` makes re-appends idempotent. */
export interface NewEvent<T extends string = string, D = unknown> {
  readonly eventId: string;
  readonly type: T;
  readonly schemaVersion: number;
  readonly data: D;
  readonly metadata: EventMetadata;
}

/** An event as the store returns it: the envelope plus where it sits in the log. */
export interface RecordedEvent<T extends string = string, D = unknown> extends NewEvent<T, D> {
  readonly stream: string;
  /** 0-based revision within its stream. */
  readonly revision: number;
  /** Global position in the store's total order ($all); strictly increasing, not dense. */
  readonly position: bigint;
}
