import type { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore, openClickHouseServerStore } from '#libs/clickhouse';
import type { EventStore } from '#libs/event-store';
import { InMemoryDeadLetterSink } from '#libs/in-process-pipeline';
import { KurrentDbEventStore } from '#libs/kurrentdb-event-store';
import { rebuildProjections, type RebuildProgress, type RebuildResult } from '#libs/projector';
import { SqliteEventStore } from '#libs/sqlite-event-store';
import type { RebuildConfig } from './config/rebuild-config.js';

/**
 * Rebuilds every analytics table from the whole log and swaps them in (libs/projector README,
 * "Rebuild"). The projector process may keep running: what it projects while the swap happens
 * is projected again into the swapped tables (rows are keyed, so twice changes nothing).
 */
export async function runRebuildCommand(config: RebuildConfig, report: (line: string) => void = console.log): Promise<RebuildResult> {
  const a = config.analytics;
  const open = (database: string): Promise<AnalyticsStore> =>
    a.kind === 'embedded' ? openChdbAnalyticsStore({ path: a.path, database, readers: 1 }) : openClickHouseServerStore({ url: a.url, username: a.username, password: a.password, database });
  const eventStore: EventStore = config.eventStore.kind === 'sqlite' ? new SqliteEventStore({ path: config.eventStore.path }) : new KurrentDbEventStore(config.eventStore.url);
  const live = await open(a.database);
  let lastReport = 0;
  const progress = (p: RebuildProgress) => {
    if (p.phase === 'building' && Date.now() - lastReport < 2000) return;
    lastReport = Date.now();
    report(`${p.phase}: ${p.events} events, position ${p.position}`);
  };
  try {
    return await rebuildProjections({
      live,
      log: eventStore,
      openDatabase: open,
      deadLetters: new InMemoryDeadLetterSink({ log: (line: string) => report(`dead letter: ${line}`) }),
      batchSize: config.batchSize,
      maxRowsPerInsert: config.maxRowsPerInsert,
      ...(config.engine ? { engine: config.engine } : {}),
      onProgress: progress,
    });
  } finally {
    await live.close();
    await eventStore.close();
  }
}
