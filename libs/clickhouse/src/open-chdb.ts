import { createClient, type ClickHouseClient, type ClickHouseClientConfigOptions } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { ClickHouseAnalyticsStore } from './clickhouse-analytics-store.js';
import { assertIdentifier, sessionSettingStatements } from './session-settings.js';

export interface ChdbStoreOptions {
  /** Data directory. chDB locks it against other processes and one process can have only one live path. */
  readonly path: string;
  /** Default database of every connection; created when missing. Default `analytics`. */
  readonly database?: string;
  /** Read connections in the pool (parallel SELECTs on one data directory). Default 2 (a 2-core machine). */
  readonly readers?: number;
}

/**
 * The embedded analytics store: ClickHouse's engine in this process through chDB's
 * `Connection` for @clickhouse/client (node_modules/chdb/src/connection/AGENTS.md).
 */
export async function openChdbAnalyticsStore(options: ChdbStoreOptions): Promise<ClickHouseAnalyticsStore> {
  const database = assertIdentifier(options.database ?? 'analytics', 'database');
  const open = (): ClickHouseClient =>
    createClient({
      // chdb 3.4's Connection type does not match @clickhouse/client 1.23's typings (TESTING.md); it runs fine.
      connection: createChdbConnection({ path: options.path }) as unknown as ClickHouseClientConfigOptions['connection'],
    });
  const clients: ClickHouseClient[] = [];
  try {
    const writer = open();
    clients.push(writer);
    await writer.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    for (let i = 0; i < Math.max(1, options.readers ?? 2); i++) clients.push(open());
    // chDB ignores the client's `database` option; a chDB connection is one session, so USE sticks,
    // and so do the session settings. Sent with every statement instead (`clickhouse_settings`), the
    // connection prefixes each with three SETs, and chDB then parses an insert's whole body as part of
    // a multi-statement query: a 2,000-row insert took ~16 ms instead of ~12 (docs/benchmarks.md,
    // projection pipeline).
    for (const client of clients) {
      await client.command({ query: `USE ${database}` });
      for (const statement of sessionSettingStatements()) await client.command({ query: statement });
    }
    return new ClickHouseAnalyticsStore({ database, writer, readers: clients.slice(1), dependency: 'chDB' });
  } catch (error) {
    await Promise.allSettled(clients.map((c) => c.close()));
    throw error;
  }
}
