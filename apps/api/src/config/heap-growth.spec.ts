import { describe, expect, it } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { applyHeapGrowth, shouldBound } from './heap-growth.js';

/** A full (major) collection now: V8's gc() exposed for this test only. */
function fullCollection(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const MB = 1024 * 1024;

describe('shouldBound', () => {
  it('bounds the growth from HEAP_GROWING_FROM_MB of live heap on, and never when the percent is 0', () => {
    const config = { heapGrowingPercent: 20, heapGrowingFromMb: 256 };
    expect(shouldBound(255 * MB, config)).toBe(false);
    expect(shouldBound(256 * MB, config)).toBe(true);
    expect(shouldBound(2048 * MB, { ...config, heapGrowingPercent: 0 })).toBe(false);
    expect(shouldBound(0, { ...config, heapGrowingFromMb: 0 })).toBe(true);
  });
});

describe('applyHeapGrowth', () => {
  it('switches to the bounded factor after a full collection that leaves enough live heap', async () => {
    const switches: boolean[] = [];
    // From 0 MB: any full collection leaves "enough", so the first one switches to bounded.
    const stop = applyHeapGrowth({ heapGrowingPercent: 20, heapGrowingFromMb: 0 }, (bounded) => switches.push(bounded));
    try {
      fullCollection();
      // gc entries reach observers asynchronously.
      for (let i = 0; i < 100 && switches.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      stop();
    }
    expect(switches[0]).toBe(true);
  });

  it('does nothing when the percent is 0', () => {
    const switches: boolean[] = [];
    applyHeapGrowth({ heapGrowingPercent: 0, heapGrowingFromMb: 0 }, (bounded) => switches.push(bounded))();
    expect(switches).toEqual([]);
  });
});
