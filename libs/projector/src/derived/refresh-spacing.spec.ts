import { describe, expect, it } from '@jest/globals';
import { DeferredRefresh, refreshSpacingMs } from './deferred-refresh.js';
import type { StaleKeys } from './derived-tables.js';

describe('refreshSpacingMs (DerivedRefreshOptions.maxShare)', () => {
  it('keeps the interval when refreshes are short or no share is set', () => {
    expect(refreshSpacingMs({ intervalMs: 500 }, 300)).toBe(500);
    expect(refreshSpacingMs({ intervalMs: 500, maxShare: 0.25 }, 100)).toBe(500);
    expect(refreshSpacingMs({ intervalMs: 500, maxShare: 0.25 }, 0)).toBe(500);
  });

  it('spaces long refreshes by their duration / maxShare, up to maxIntervalMs (default 4 × the interval)', () => {
    expect(refreshSpacingMs({ intervalMs: 500, maxShare: 0.25 }, 300)).toBe(1200);
    expect(refreshSpacingMs({ intervalMs: 500, maxShare: 0.25 }, 900)).toBe(2000);
    expect(refreshSpacingMs({ intervalMs: 500, maxShare: 0.25, maxIntervalMs: 5000 }, 900)).toBe(3600);
    expect(refreshSpacingMs({ intervalMs: 500, maxShare: 0.5 }, 300)).toBe(600);
  });
});

describe('DeferredRefresh with maxShare', () => {
  it('starts the next refresh no sooner than the last one took / maxShare after it started', async () => {
    const starts: number[] = [];
    const ends: number[] = [];
    const refresh = new DeferredRefresh(
      { intervalMs: 10, maxShare: 0.25, maxIntervalMs: 1000 },
      {
        queue: (work) => work(),
        refresh: async () => {
          starts.push(performance.now());
          await new Promise((resolve) => setTimeout(resolve, 40));
          ends.push(performance.now());
        },
      },
    );
    const stale = (participant: string): StaleKeys => new Map([['measures_current', new Map([['org', new Set([participant])]])]]);
    const refreshed = () => new Promise<void>((resolve) => { const off = refresh.onRefreshed(() => { off(); resolve(); }); });
    const first = refreshed();
    await refresh.add(stale('p1'), 1n, new Set());
    await first;
    const second = refreshed();
    await refresh.add(stale('p2'), 2n, new Set());
    await second;
    expect(starts).toHaveLength(2);
    // The first took ~40 ms, so the second waits 4 × that from the first's start (not the 10 ms interval). A timer
    // may fire a little early by performance.now (libuv counts whole ms), so the bound is what the first really took.
    const took = ends[0]! - starts[0]!;
    expect(took).toBeGreaterThan(35);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(took / 0.25 - 2);
    expect(refresh.isIdle()).toBe(true);
  });

  it("holds a catch-up's refresh until a batch of the live tail comes, or maxIntervalMs after its oldest batch", async () => {
    const starts: number[] = [];
    const positions: bigint[] = [];
    const refresh = new DeferredRefresh(
      { intervalMs: 10, maxIntervalMs: 150 },
      {
        queue: (work) => work(),
        refresh: async ({ position }) => {
          starts.push(performance.now());
          positions.push(position);
        },
      },
    );
    const stale = (participant: string): StaleKeys => new Map([['measures_current', new Map([['org', new Set([participant])]])]]);
    const refreshed = () => new Promise<void>((resolve) => { const off = refresh.onRefreshed(() => { off(); resolve(); }); });

    // Caught up by a live batch: one refresh for both, without waiting out maxIntervalMs.
    const first = refreshed();
    await refresh.add(stale('p1'), 1n, new Set(), true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(starts).toEqual([]);
    await refresh.add(stale('p2'), 2n, new Set(), false);
    await first;
    expect(positions).toEqual([2n]);

    // Catching up throughout: maxIntervalMs after the oldest batch waiting, not after the newest.
    const second = refreshed();
    const oldestAddedAt = performance.now();
    await refresh.add(stale('p3'), 3n, new Set(), true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const newestAddedAt = performance.now();
    await refresh.add(stale('p4'), 4n, new Set(), true);
    await second;
    expect(positions).toEqual([2n, 4n]);
    // A timer may fire up to a few ms early by performance.now (libuv counts whole ms from its cached loop time).
    expect(starts[1]! - oldestAddedAt).toBeGreaterThanOrEqual(150 - 5);
    // After the newest batch it would be 150 ms or more after it; after the oldest it is ~50 (slack for a busy machine).
    expect(starts[1]! - newestAddedAt).toBeLessThan(145);
    expect(refresh.isIdle()).toBe(true);
  });
});
