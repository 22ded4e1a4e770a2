/** Why a batch was not written: a batch handed over before it failed (it is redelivered from there). */
export class EarlierBatchFailed extends Error {
  constructor(cause: unknown) {
    super(`not written: an earlier batch failed (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
    this.name = 'EarlierBatchFailed';
  }
}

/**
 * Runs the write phases of overlapping calls one at a time, in the order the calls were made,
 * so a call's preparation (CPU on the JS thread) can run while the previous call's writes (chDB
 * on its own thread) are in flight, and positions are still recorded in order.
 *
 * A write that fails fails every write queued behind it without running it (with
 * EarlierBatchFailed, never the original error: a consumer must not take a follower for the
 * poison batch): the consumer redelivers from the failed batch, and nothing after it was
 * written. Once the failed ones settled, the next call starts afresh (a redelivery).
 */
export class InOrderWrites {
  private tail: Promise<void> = Promise.resolve();

  /** Queues `write` behind every write queued before; resolves or rejects with it. */
  run(write: () => Promise<void>): Promise<void> {
    const previous = this.tail;
    const mine = previous.then(write, (error: unknown) => {
      throw error instanceof EarlierBatchFailed ? error : new EarlierBatchFailed(error);
    });
    this.tail = mine;
    const settled = () => {
      if (this.tail === mine) this.tail = Promise.resolve();
    };
    mine.then(settled, settled);
    return mine;
  }
}
