import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { migrate, Projector, tables } from '#libs/projector';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import { sampleLog } from '#testing/projector';
import { loadRebuildConfig } from './config/rebuild-config.js';
import { runRebuildCommand } from './rebuild-command.js';

/** The rebuild CLI's work, in this process: a SQLite log under DATA_DIR, chDB at ANALYTICS_PATH. */
describe('rebuild command (SQLite log, chDB)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rebuild-cli-'));
  const env = { EVENT_STORE: 'sqlite', DATA_DIR: dataDir, ANALYTICS_PATH: join(dataDir, 'chdb'), ANALYTICS_DATABASE: 'cli_analytics', REBUILD_BATCH: '5' };
  let live: AnalyticsStore;

  const counts = async () => {
    const result: Record<string, string> = {};
    for (const table of Object.values(tables)) result[table] = (await live.query<{ c: string }>(`SELECT count() AS c FROM ${table} FINAL`, {}))[0]!.c;
    return result;
  };

  beforeAll(async () => {
    const log = new SqliteEventStore({ path: join(dataDir, 'events.db') });
    await log.append('sample', sampleLog().map(({ eventId, type, schemaVersion, data, metadata }) => ({ eventId, type, schemaVersion, data, metadata })), 'no_stream');
    live = await openChdbAnalyticsStore({ path: env.ANALYTICS_PATH, database: env.ANALYTICS_DATABASE, readers: 1 });
    await migrate(live);
    await new Projector(live, { deadLetters: new InMemoryDeadLetterSink() }).handleBatch(await log.readAll());
    await log.close();
  });
  afterAll(async () => {
    await live.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('replaces the tables with ones rebuilt from the log: the same counts, a stray row gone', async () => {
    const incremental = await counts();
    await live.insert(tables.groupClosures, [{ org: 'org-stray', program_id: 'p', group_id: 'g', closed_on: '2026-01-01', event_id: 'e', version: 1 }]);
    const lines: string[] = [];
    const result = await runRebuildCommand(loadRebuildConfig(env), (line) => lines.push(line));
    expect(result.events).toBe(sampleLog().length);
    expect(await counts()).toEqual(incremental);
    expect(lines.at(-1)).toMatch(/^done: 22 events/);
  });

  it('refuses a configuration without an event store to read', () => {
    expect(() => loadRebuildConfig({ ANALYTICS_PATH: '/tmp/x', EVENT_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_URL/);
  });
});
