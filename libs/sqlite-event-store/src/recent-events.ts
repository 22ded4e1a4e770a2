import type { RecordedEvent } from '#libs/events';

/**
 * The last events the store's live subscriptions read, decoded once and shared by all of them.
 * Embedded mode runs five followers of the log in one process (the directory, the alert book,
 * the export book, the alerts reactor, the relay); each read and JSON-decoded every event again
 * (docs/benchmarks.md, issue 2). Now the first one to ask past the end reads a page and keeps it
 * here; the others are served from memory. Followers further behind (catching up) read the file.
 *
 * Holds every event with `after < position <= upTo`, in order: a page is kept only when it
 * continues that range (or starts it), so nothing in between can be missing. Positions are
 * assigned in commit order (one writer at a time, BEGIN IMMEDIATE), so a page read after `upTo`
 * never misses an event that commits later with a smaller position. The events are shared:
 * subscribers must not mutate them (none does; the catalogue's events are plain data).
 */
export class RecentEvents {
  /** The range is `events[first..]`: forgetting the oldest moves `first`, copying only now and then. */
  private events: RecordedEvent[] = [];
  private first = 0;
  private after: bigint | null = null;
  private upTo: bigint | null = null;

  constructor(private readonly capacity: number) {}

  /** Up to `limit` events after `checkpoint`, when this range covers it (possibly none yet); undefined when it does not. */
  from(checkpoint: bigint, limit: number): RecordedEvent[] | undefined {
    if (this.after === null || this.upTo === null || checkpoint < this.after || checkpoint > this.upTo) return undefined;
    const from = this.firstAfter(checkpoint);
    return this.events.slice(from, from + limit);
  }

  /** Whether a page after `checkpoint` would continue the range (one has been started, by a subscription's read of the file). */
  continues(checkpoint: bigint): boolean {
    return this.upTo !== null && checkpoint === this.upTo;
  }

  /** A page read from the file after `checkpoint`: kept when it starts or continues the range. */
  add(checkpoint: bigint, page: readonly RecordedEvent[]): void {
    if (this.upTo !== null && checkpoint !== this.upTo) return;
    if (this.upTo === null) this.after = this.upTo = checkpoint;
    if (page.length === 0) return;
    this.events.push(...page);
    this.upTo = page.at(-1)!.position;
    const excess = this.events.length - this.first - this.capacity;
    if (excess > 0) {
      this.first += excess;
      this.after = this.events[this.first - 1]!.position;
      if (this.first >= this.capacity) {
        this.events = this.events.slice(this.first);
        this.first = 0;
      }
    }
  }

  /** Index of the first event whose position is past `checkpoint` (binary search: positions ascend). */
  private firstAfter(checkpoint: bigint): number {
    let low = this.first;
    let high = this.events.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.events[middle]!.position <= checkpoint) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
