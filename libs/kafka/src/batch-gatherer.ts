/** Something that contributes `size` items to a combined batch. */
export interface GatheredPart {
  readonly size: number;
}

interface Waiting<P> {
  readonly part: P;
  readonly resolve: (delivered: boolean) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Combines the parts handed in by concurrent callers into one delivery of at most `maxSize`
 * items, one delivery at a time.
 *
 * Why: kafkajs calls `eachBatch` once per partition of a fetch, so with 6 partitions a
 * projector batch was ~70 events and each paid one chDB insert per table (docs/benchmarks.md,
 * projection pipeline). With `partitionsConsumedConcurrently` ≥ the partitions, kafkajs hands
 * every partition batch of a fetch out in the same turn of the event loop; the gatherer waits
 * for that turn to end (setImmediate), or until `maxSize` items are there, and delivers them
 * together. Parts arriving while a delivery runs wait for the next one (they accumulate while
 * an insert is in flight, so catch-up batches grow by themselves).
 *
 * `submit` resolves with what `deliver` resolved for the delivery that held the part (false:
 * stopped, nothing committed) and rejects with its error. A part is never split: callers cut
 * theirs to ≤ `maxSize` first; a part that does not fit goes into the next delivery.
 */
export class BatchGatherer<P extends GatheredPart> {
  private readonly waiting: Waiting<P>[] = [];
  private waitingSize = 0;
  private scheduled = false;
  private delivering = false;

  constructor(
    private readonly maxSize: number,
    private readonly deliver: (parts: readonly P[]) => Promise<boolean>,
  ) {}

  submit(part: P): Promise<boolean> {
    const delivered = new Promise<boolean>((resolve, reject) => this.waiting.push({ part, resolve, reject }));
    this.waitingSize += part.size;
    this.kick();
    return delivered;
  }

  /** Deliver now when a full batch waits, else at the end of this turn of the event loop. */
  private kick(): void {
    if (this.delivering || this.waiting.length === 0) return; // a running delivery kicks when done
    if (this.waitingSize >= this.maxSize) {
      void this.deliverOnce();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      if (!this.delivering && this.waiting.length > 0) void this.deliverOnce();
    });
  }

  private async deliverOnce(): Promise<void> {
    this.delivering = true;
    const taken = this.take();
    try {
      const delivered = await this.deliver(taken.map((w) => w.part));
      for (const w of taken) w.resolve(delivered);
    } catch (error) {
      for (const w of taken) w.reject(error);
    } finally {
      this.delivering = false;
    }
    // What arrived meanwhile, plus the next parts of the callers just resolved (they submit in
    // this turn), go together.
    this.kick();
  }

  /** The oldest parts up to `maxSize` items (at least one part). */
  private take(): Waiting<P>[] {
    let size = 0;
    let count = 0;
    while (count < this.waiting.length && (count === 0 || size + this.waiting[count]!.part.size <= this.maxSize)) {
      size += this.waiting[count]!.part.size;
      count++;
    }
    this.waitingSize -= size;
    return this.waiting.splice(0, count);
  }
}
