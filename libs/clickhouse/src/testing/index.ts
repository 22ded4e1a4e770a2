import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openChdbAnalyticsStore } from '../open-chdb.js';
import type { ClickHouseAnalyticsStore } from '../clickhouse-analytics-store.js';

export interface TestChdbStore {
  readonly store: ClickHouseAnalyticsStore;
  readonly path: string;
  /** Closes the store and removes its data directory. */
  dispose(): Promise<void>;
}

/**
 * A chDB store on a fresh temp directory. chDB allows one live data path per process (and a
 * Jest worker runs test files one after another in one process), so open it in `beforeAll`,
 * `dispose()` it in `afterAll`, and separate tests inside a file by `database`.
 */
export async function openTestChdbStore(options: { database?: string; readers?: number } = {}): Promise<TestChdbStore> {
  const path = mkdtempSync(join(tmpdir(), 'chdb-test-'));
  const store = await openChdbAnalyticsStore({ path, ...options });
  return {
    store,
    path,
    async dispose() {
      await store.close();
      rmSync(path, { recursive: true, force: true });
    },
  };
}
