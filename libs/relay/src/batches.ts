export interface BatchBounds {
  /** A batch is cut when it holds this many items. */
  readonly maxSize: number;
  /** …or when its first item has waited this long (live tail: small batches, low latency). */
  readonly maxWaitMs: number;
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
  let deadline = 0;
  try {
    for (;;) {
      pending ??= iterator.next();
      const result = batch.length === 0 ? await pending : await within(pending, deadline - Date.now());
      if (result === TIMED_OUT) {
        yield batch;
        batch = [];
        continue;
      }
      pending = undefined;
      if (result.done) break;
      if (batch.length === 0) deadline = Date.now() + bounds.maxWaitMs;
      batch.push(result.value);
      if (batch.length >= bounds.maxSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    // Our consumer stopped early (or the source failed): let the source release what it holds.
    // With a next() still in flight, an async generator queues return() behind it: do not wait.
    if (pending === undefined) await iterator.return?.();
    else void iterator.return?.()?.catch(() => undefined);
  }
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  if (ms <= 0) return Promise.race([promise, Promise.resolve(TIMED_OUT)]);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
