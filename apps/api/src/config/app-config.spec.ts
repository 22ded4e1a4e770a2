import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config.js';

describe('state snapshot settings', () => {
  it('are on by default over the SQLite log, under DATA_DIR/snapshots, every 250,000 events', () => {
    expect(loadConfig({ DATA_DIR: '/tmp/some-data' }).snapshots).toEqual({ directory: resolve('/tmp/some-data', 'snapshots'), everyEvents: 250_000 });
  });

  it('can be turned off or made more frequent', () => {
    expect(loadConfig({ STATE_SNAPSHOTS: 'false' }).snapshots).toBeNull();
    expect(loadConfig({ STATE_SNAPSHOT_EVERY: '50000' }).snapshots?.everyEvents).toBe(50_000);
  });

  it('are off over KurrentDB and refuse an interval below 1,000 events', () => {
    expect(loadConfig({ EVENT_STORE: 'kurrentdb', KURRENTDB_URL: 'kurrentdb://localhost:2113' }).snapshots).toBeNull();
    expect(() => loadConfig({ STATE_SNAPSHOT_EVERY: '10' })).toThrow(ConfigError);
  });
});

describe('the heap growing factor', () => {
  it('is 20 % over a live heap of 256 MB or more by default, settable, 0 for V8 to decide, and refuses nonsense', () => {
    expect(loadConfig({}).heapGrowingPercent).toBe(20);
    expect(loadConfig({}).heapGrowingFromMb).toBe(256);
    expect(loadConfig({ HEAP_GROWING_FROM_MB: '0' }).heapGrowingFromMb).toBe(0);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '50' }).heapGrowingPercent).toBe(50);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).heapGrowingPercent).toBe(0);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: '-5' })).toThrow(/HEAP_GROWING_PERCENT/);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: 'lots' })).toThrow(/HEAP_GROWING_PERCENT/);
  });
});
