import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { applyHeapGrowth, collectOnceCaughtUp, fullCollection, shouldBound, stateSnapshotBytes } from './heap-growth.js';

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

  it('keeps the bound set at start when a full collection leaves little live (the state is still loading)', async () => {
    const switches: boolean[] = [];
    const stop = applyHeapGrowth({ heapGrowingPercent: 20, heapGrowingFromMb: 256 }, { restoredBytes: 256 * MB, change: (bounded) => switches.push(bounded) });
    try {
      fullCollection(); // this test process has far less than 256 MB live
      await new Promise((resolve) => setTimeout(resolve, 100)); // gc entries reach observers asynchronously
    } finally {
      stop();
    }
    expect(switches).toEqual([true]);
  });

  it('does nothing when the percent is 0', () => {
    const switches: boolean[] = [];
    applyHeapGrowth({ heapGrowingPercent: 0, heapGrowingFromMb: 0 }, { restoredBytes: 1024 * MB, change: (bounded) => switches.push(bounded) })();
    expect(switches).toEqual([]);
  });
});

describe('collectOnceCaughtUp', () => {
  it('collects once, when the read models have caught up', async () => {
    let checks = 0;
    let collections = 0;
    const collected = await collectOnceCaughtUp(() => ++checks >= 3, { pollMs: 1, collect: () => collections++ });
    expect([collected, checks, collections]).toEqual([true, 3, 1]);
  });

  it('gives up without collecting when they do not catch up in time', async () => {
    let collections = 0;
    expect(await collectOnceCaughtUp(() => false, { pollMs: 1, timeoutMs: 20, collect: () => collections++ })).toBe(false);
    expect(collections).toBe(0);
  });

  it('runs a real full collection by default', async () => {
    const majors: number[] = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) majors.push(1);
    });
    observer.observe({ entryTypes: ['gc'] });
    try {
      expect(await collectOnceCaughtUp(() => true)).toBe(true);
      for (let i = 0; i < 100 && majors.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    } finally {
      observer.disconnect();
    }
    expect(majors.length).toBeGreaterThan(0);
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
