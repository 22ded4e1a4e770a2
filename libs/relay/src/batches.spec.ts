import { describe, expect, it } from '@jest/globals';
import { batches } from './batches.js';

async function* items(values: number[], pauseAfter?: number): AsyncGenerator<number> {
  for (const value of values) {
    yield value;
    // Simulates the live tail: nothing more arrives for a while.
    if (value === pauseAfter) await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function collect<T>(source: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const batch of source) out.push(batch);
  return out;
}

describe('batches', () => {
  it('cuts at maxSize and sends the rest at the end', async () => {
    expect(await collect(batches(items([1, 2, 3, 4, 5, 6, 7]), { maxSize: 3, maxWaitMs: 10_000 }))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it('sends a partial batch when the next item is late, and loses nothing', async () => {
    expect(await collect(batches(items([1, 2, 3, 4], 2), { maxSize: 10, maxWaitMs: 20 }))).toEqual([[1, 2], [3, 4]]);
  });

  it('sends a batch of minSize or more as soon as the source pauses, instead of waiting out maxWaitMs', async () => {
    const sent: number[][] = [];
    for await (const batch of batches(items([1, 2, 3, 4, 5], 3), { maxSize: 100, maxWaitMs: 10_000, sendWhenIdle: { minSize: 3, afterMs: 20 } })) sent.push(batch);
    // [1, 2, 3] went when the source paused (200 ms); without sendWhenIdle it would wait 10 s for
    // more, and the source's pause would end first, giving one batch of all five.
    expect(sent).toEqual([[1, 2, 3], [4, 5]]);
  });

  it('keeps a batch below minSize waiting for more while the source pauses', async () => {
    const sent: number[][] = [];
    for await (const batch of batches(items([1, 2, 3, 4, 5], 2), { maxSize: 100, maxWaitMs: 10_000, sendWhenIdle: { minSize: 3, afterMs: 20 } })) sent.push(batch);
    expect(sent).toEqual([[1, 2, 3, 4, 5]]);
  });

  it('stops the source when its reader stops early', async () => {
    let finished = false;
    async function* source() {
      try {
        yield* [1, 2, 3, 4];
      } finally {
        finished = true;
      }
    }
    for await (const batch of batches(source(), { maxSize: 2, maxWaitMs: 10_000 })) {
      expect(batch).toEqual([1, 2]);
      break;
    }
    expect(finished).toBe(true);
  });
});
