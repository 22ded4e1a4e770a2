/**
 * Folded state of one stream up to a revision, as a decider's evolve left it.
 * States are immutable (every evolve returns a new object), so one entry may be handed to
 * many requests at once: nobody may mutate a state it got from a load.
 */
export interface CachedStream {
  /** The decider (its evolve) that folded `state`: another decider's state is a miss. */
  readonly decider: object;
  /** Organization of the stream (of its first event); every read checks it against the caller. */
  readonly org: string;
  readonly revision: number;
  readonly state: unknown;
}

/**
 * A bounded least-recently-used map from stream name to its folded state. A Map keeps
 * insertion order, so re-inserting on every hit makes its first key the least recently used.
 *
 * An entry is never wrong, only possibly old: events are immutable and revisions only grow,
 * so whoever reads an entry at revision r reads the events after r and folds them on top. A
 * put therefore keeps whichever of the two entries is at the higher revision.
 */
export class StreamStateCache {
  private readonly entries = new Map<string, CachedStream>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The entry folded by this decider, marked as just used; undefined when there is none. */
  get(stream: string, decider: object): CachedStream | undefined {
    const entry = this.entries.get(stream);
    if (!entry || entry.decider !== decider) return undefined;
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    return entry;
  }

  put(stream: string, entry: CachedStream): void {
    const current = this.entries.get(stream);
    if (current && current.decider === entry.decider && current.revision > entry.revision) return;
    this.entries.delete(stream);
    this.entries.set(stream, entry);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }
}
