export interface BatchBounds {
  /** A batch is cut when it holds this many items. */
  readonly maxSize: number;
  /** …or when its first item has waited this long (live tail: small batches, low latency). */
  readonly maxWaitMs: number;
  /**
   * …or, once it holds `minSize` items, when no item came for `afterMs`: the source caught up
   * (the end of a catch-up), and a batch that large gains little from waiting for more, while
   * the transport would idle meanwhile. Without it a batch waits `maxWaitMs` whatever its size.
   */
  readonly sendWhenIdle?: { readonly minSize: number; readonly afterMs: number };
}

const TIMED_OUT = Symbol('timed out');

/**
 * Groups an async stream into arrays bounded in size and in wait. While catching up, items come
 * faster than the wait and batches fill to `maxSize`; on the live tail a lone item is sent after
 * `maxWaitMs` at most. The pending `next()` survives a timeout: no item is read twice or lost.
 */
export async function* batches<T>(source: AsyncIterable<T>, bounds: BatchBounds): AsyncGenerator<T[]> {
  const iterator = source[Symbol.asyncIterator]();
  let pending: Promise<IteratorResult<T>> | undefined;
  let batch: T[] = [];
  let timer: BatchTimer | undefined;
  try {
    for (;;) {
      pending ??= iterator.next();
      const result = timer ? await Promise.race([pending, timer.expired]) : await pending;
      if (result === TIMED_OUT) {
        timer = timer!.stop();
        yield batch;
        batch = [];
        continue;
      }
      pending = undefined;
      if (result.done) break;
      timer ??= new BatchTimer(bounds);
      batch.push(result.value);
      timer.added(batch.length);
      if (batch.length >= bounds.maxSize) {
        timer = timer.stop();
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    timer?.stop();
    // Our consumer stopped early (or the source failed): let the source release what it holds.
    // With a next() still in flight, an async generator queues return() behind it: do not wait.
    if (pending === undefined) await iterator.return?.();
    else void iterator.return?.()?.catch(() => undefined);
  }
}

/**
 * One timer per batch (not one per item: a catch-up reads thousands of items a second). It
 * fires at the batch's deadline, or to check for an idle source once the batch is large enough;
 * a check that finds a recent item re-arms for the rest of the idle gap.
 */
class BatchTimer {
  readonly expired: Promise<typeof TIMED_OUT>;
  private expire!: (value: typeof TIMED_OUT) => void;
  private readonly deadline: number;
  private lastItemAt = Date.now();
  private idleWatch = false;
  private handle: NodeJS.Timeout | undefined;

  constructor(private readonly bounds: BatchBounds) {
    this.expired = new Promise((resolve) => (this.expire = resolve));
    this.deadline = this.lastItemAt + bounds.maxWaitMs;
    this.arm(this.deadline);
  }

  added(size: number): void {
    this.lastItemAt = Date.now();
    const idle = this.bounds.sendWhenIdle;
    if (idle && !this.idleWatch && size >= idle.minSize) {
      this.idleWatch = true;
      this.arm(Math.min(this.deadline, this.lastItemAt + idle.afterMs));
    }
  }

  stop(): undefined {
    clearTimeout(this.handle);
    return undefined;
  }

  private arm(at: number): void {
    clearTimeout(this.handle);
    this.handle = setTimeout(() => this.check(), Math.max(0, at - Date.now()));
  }

  private check(): void {
    const now = Date.now();
    const idleSince = this.idleWatch ? this.lastItemAt + this.bounds.sendWhenIdle!.afterMs : Infinity;
    if (now >= this.deadline || now >= idleSince) this.expire(TIMED_OUT);
    else this.arm(Math.min(this.deadline, idleSince));
  }
}
