import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { applyHeapGrowth, shouldBound, stateSnapshotBytes } from './heap-growth.js';

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
    const stop = applyHeapGrowth({ heapGrowingPercent: 20, heapGrowingFromMb: 0 }, { change: (bounded) => switches.push(bounded) });
    try {
      fullCollection();
      // gc entries reach observers asynchronously.
      for (let i = 0; i < 100 && switches.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      stop();
    }
    expect(switches[0]).toBe(true);
  });

  it('bounds at once when the snapshots to restore reach the threshold, and not below it', () => {
    const switches: boolean[] = [];
    const config = { heapGrowingPercent: 20, heapGrowingFromMb: 256 };
    applyHeapGrowth(config, { restoredBytes: 255 * MB, change: (bounded) => switches.push(bounded) })();
    expect(switches).toEqual([]);
    applyHeapGrowth(config, { restoredBytes: 256 * MB, change: (bounded) => switches.push(bounded) })();
    expect(switches).toEqual([true]);
  });

  it('does nothing when the percent is 0', () => {
    const switches: boolean[] = [];
    applyHeapGrowth({ heapGrowingPercent: 0, heapGrowingFromMb: 0 }, { restoredBytes: 1024 * MB, change: (bounded) => switches.push(bounded) })();
    expect(switches).toEqual([]);
  });
});

describe('stateSnapshotBytes', () => {
  it('adds up the snapshot files, and is 0 without snapshots or before the first', () => {
    const directory = mkdtempSync(join(tmpdir(), 'snapshots-'));
    try {
      writeFileSync(join(directory, 'directory.snapshot'), 'x'.repeat(300));
      writeFileSync(join(directory, 'alerts.snapshot'), 'x'.repeat(20));
      expect(stateSnapshotBytes({ snapshots: { directory, everyEvents: 1 } })).toBe(320);
      expect(stateSnapshotBytes({ snapshots: { directory: join(directory, 'none'), everyEvents: 1 } })).toBe(0);
      expect(stateSnapshotBytes({ snapshots: null })).toBe(0);
    } finally {
      rmSync(directory, { recursive: true });
    }
  });
});
