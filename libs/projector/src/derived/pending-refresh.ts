import type { StaleKeys } from './derived-tables.js';
import { withoutErased } from './derived-tables.js';

/** What a deferred refresh has to do: the stale keys of the batches written since the last one, and the highest of their positions. */
export interface PendingWork {
  readonly stale: StaleKeys;
  /** The derived tables are up to date with the log up to here once `stale` is refreshed. */
  readonly position: bigint;
}

/**
 * The stale derived rows of several batches, gathered for one refresh (Projector
 * `derivedRefresh`): the refresh statements cost about the same whatever the number of
 * participants (at 1 M events each reads nearly every granule of measures with FINAL:
 * docs/benchmarks.md, projection pipeline), so a refresh per interval instead of per batch.
 */
export class PendingRefresh {
  private stale: StaleKeys = new Map();
  private position = 0n;
  private count = 0;

  /** Entries (derived table, org, key) waiting: bounds the next refresh's size. */
  size(): number {
    return this.count;
  }

  isEmpty(): boolean {
    return this.count === 0 && this.position === 0n;
  }

  /**
   * Adds a written batch: its stale keys (erasures already left out) and its position.
   * `erased` (erasureKey): participants erased by or before this batch, dropped from what earlier
   * batches left waiting too, since erasure deleted their derived rows (withoutErased).
   */
  add(stale: StaleKeys, position: bigint, erased: ReadonlySet<string>): void {
    if (erased.size > 0 && this.count > 0) this.replace(withoutErased(this.stale, erased));
    for (const [table, perOrg] of stale) {
      let waiting = this.stale.get(table);
      if (!waiting) this.stale.set(table, (waiting = new Map()));
      for (const [org, ids] of perOrg) {
        let waitingIds = waiting.get(org);
        if (!waitingIds) waiting.set(org, (waitingIds = new Set()));
        for (const id of ids) {
          if (waitingIds.has(id)) continue;
          waitingIds.add(id);
          this.count++;
        }
      }
    }
    if (position > this.position) this.position = position;
  }

  /** Empties the set and returns what was in it (null when nothing was added since the last take). */
  take(): PendingWork | null {
    if (this.isEmpty()) return null;
    const work = { stale: this.stale, position: this.position };
    this.stale = new Map();
    this.position = 0n;
    this.count = 0;
    return work;
  }

  /** Puts work back after its refresh failed (merged with what was added meanwhile). */
  restore(work: PendingWork): void {
    this.add(work.stale, work.position, new Set());
  }

  private replace(stale: StaleKeys): void {
    this.stale = stale;
    let count = 0;
    for (const perOrg of stale.values()) for (const ids of perOrg.values()) count += ids.size;
    this.count = count;
  }
}
