import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
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

/**
 * HEAP_GROWING_PERCENT / HEAP_GROWING_FROM_MB (docs/configuration.md): once a full collection
 * leaves at least HEAP_GROWING_FROM_MB live, the heap may grow only HEAP_GROWING_PERCENT over it
 * before the next one; below that, V8's own factor. Why both: at 10 M events (~490 MB live) V8's
 * factor let the api reach 1.7–2.4 GB of RSS (20 %: ~1.0–1.1 GB), while on a small heap the same
 * 20 % cost the write path ~17 % more CPU per write for no memory worth saving (docs/benchmarks.md).
 * Run it before the read models load. Returns a function that stops watching.
 */
export function applyHeapGrowth(config: Pick<AppConfig, 'heapGrowingPercent' | 'heapGrowingFromMb'>, change: HeapGrowthSwitch = v8Switch(config.heapGrowingPercent)): () => void {
  if (config.heapGrowingPercent <= 0) return () => undefined;
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
