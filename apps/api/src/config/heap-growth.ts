import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AppConfig } from './app-config.js';

/** Switches the process between the bounded factor and V8's own. */
export type HeapGrowthSwitch = (bounded: boolean) => void;

/** Sets V8's `--heap-growing-percent` (0 = V8's own factor, up to 4×). V8 reads it at every full collection. */
const v8Switch =
  (percent: number): HeapGrowthSwitch =>
  (bounded) =>
    setFlagsFromString(`--heap-growing-percent=${bounded ? percent : 0}`);

/**
 * Whether the growth should be bounded after a full collection that left `liveBytes`: only a
 * large live heap (the read models of a big organization) is worth the extra collections.
 */
export function shouldBound(liveBytes: number, config: Pick<AppConfig, 'heapGrowingPercent' | 'heapGrowingFromMb'>): boolean {
  return config.heapGrowingPercent > 0 && liveBytes >= config.heapGrowingFromMb * 1024 * 1024;
}

/** The bytes of the state snapshots the read models will restore at start (0 without any). */
export function stateSnapshotBytes(config: Pick<AppConfig, 'snapshots'>): number {
  if (!config.snapshots) return 0;
  try {
    return readdirSync(config.snapshots.directory).reduce((sum, name) => sum + statSync(join(config.snapshots!.directory, name)).size, 0);
  } catch {
    return 0; // no snapshots yet
  }
}

/**
 * HEAP_GROWING_PERCENT / HEAP_GROWING_FROM_MB (docs/configuration.md): once a full collection
 * leaves at least HEAP_GROWING_FROM_MB live, the heap may grow only HEAP_GROWING_PERCENT over it
 * before the next one; below that, V8's own factor. Why both: at 10 M events (~480 MB live) V8's
 * factor let the api reach 1.2–2.1 GB of RSS (bounded: ~1.0 GB), while on a small heap the same
 * 20 % cost the write path ~17 % more CPU per write for no memory worth saving (docs/benchmarks.md).
 *
 * V8 holds to the bound only when it is set before the heap has grown: switched on after the
 * read models had loaded, it left the heap at ~860 MB where the bound from the start kept it at
 * ~550 MB (docs/benchmarks.md, fifth pass). So when the state snapshots to restore
 * (`restoredBytes`, stateSnapshotBytes) already reach HEAP_GROWING_FROM_MB, the bound is set at
 * once and kept; the live heap is ~1.8× those bytes. Run it before the read models load.
 * Returns a function that stops watching.
 */
export function applyHeapGrowth(
  config: Pick<AppConfig, 'heapGrowingPercent' | 'heapGrowingFromMb'>,
  { restoredBytes = 0, change = v8Switch(config.heapGrowingPercent) }: { restoredBytes?: number; change?: HeapGrowthSwitch } = {},
): () => void {
  if (config.heapGrowingPercent <= 0) return () => undefined;
  if (shouldBound(restoredBytes, config)) {
    // For good: the first full collections run before the state has loaded, with little live,
    // and switching the bound off there let the heap reach ~900 MB over ~340 MB live at 10 M events.
    change(true);
    return () => undefined;
  }
  let bounded = false;
  const observer = new PerformanceObserver((list) => {
    // A gc entry's detail.kind says which collection it was (https://nodejs.org/api/perf_hooks.html#garbage-collection-gc-details).
    const major = list.getEntries().some((entry) => (entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR);
    if (!major) return;
    const bound = shouldBound(getHeapStatistics().used_heap_size, config);
    if (bound === bounded) return;
    bounded = bound;
    change(bound);
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => observer.disconnect();
}

/** A full (major) collection now: V8's gc(), exposed for this call. */
export function fullCollection(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/**
 * Once `caughtUp()` holds (the read models restored their snapshots and reached the log's head
 * as it was at start), one full collection; polls every `pollMs`, gives up after `timeoutMs`.
 * Why: V8 sizes the heap's next limit from what the last full collection left live, and with
 * the bound set at start that collection ran mid-restore, with the restore's transient objects
 * still live. At 10 M events the limit stood at ~690 MB over ~375 MB truly live, and the
 * dashboard's requests grew the heap up to it (RSS 1.08 GB, docs/benchmarks.md). Collected once
 * the state is whole, the bound starts from the live state. Answers whether it collected.
 */
export async function collectOnceCaughtUp(caughtUp: () => boolean, { pollMs = 200, timeoutMs = 15 * 60_000, collect = fullCollection } = {}): Promise<boolean> {
  for (const deadline = Date.now() + timeoutMs; !caughtUp(); ) {
    if (Date.now() > deadline) return false;
    await sleep(pollMs, undefined, { ref: false });
  }
  collect();
  return true;
}
