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
