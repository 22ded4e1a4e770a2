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
 * A bounded map from stream name to its folded state that evicts streams not used lately
 * (second chance, the CLOCK approximation of least-recently-used): a hit only marks its slot,
 * and an eviction passes over marked slots once (unmarking them and moving them to the back of
 * the Map, which keeps insertion order) before it drops the first unmarked one. A strict LRU
 * moved the entry to the back of the Map on every hit (a delete and a set, 1 % of the api's main
 * thread at 2,000 writes/s: 2–4 hits a write; docs/benchmarks.md issue 2).
 *
 * An entry is never wrong, only possibly old: events are immutable and revisions only grow,
 * so whoever reads an entry at revision r reads the events after r and folds them on top. A
 * put therefore keeps whichever of the two entries is at the higher revision.
 */
export class StreamStateCache {
  private readonly slots = new Map<string, { entry: CachedStream; used: boolean }>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`capacity must be a positive integer, got ${capacity}`);
  }

  get size(): number {
    return this.slots.size;
  }

  /** The entry folded by this decider, marked as just used; undefined when there is none. */
  get(stream: string, decider: object): CachedStream | undefined {
    const slot = this.slots.get(stream);
    if (!slot || slot.entry.decider !== decider) return undefined;
    slot.used = true;
    return slot.entry;
  }

  put(stream: string, entry: CachedStream): void {
    const slot = this.slots.get(stream);
    if (slot) {
      if (slot.entry.decider === entry.decider && slot.entry.revision > entry.revision) return;
      slot.entry = entry;
      slot.used = true;
      return;
    }
    // Room is made before the new stream comes in, so it is never the one dropped.
    if (this.slots.size >= this.capacity) this.evictOne();
    this.slots.set(stream, { entry, used: false });
  }

  private evictOne(): void {
    // Slots moved to the back are visited again (a Map iterator sees entries added during the
    // loop), unmarked by then: this ends within two passes.
    for (const [stream, slot] of this.slots) {
      this.slots.delete(stream);
      if (!slot.used) return;
      slot.used = false;
      this.slots.set(stream, slot);
    }
  }
}
