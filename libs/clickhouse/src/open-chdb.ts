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
  const open = (connection = createChdbConnection({ path: options.path })): ClickHouseClient =>
    createClient({
      // chdb 3.4's Connection type does not match @clickhouse/client 1.23's typings (TESTING.md); it runs fine.
      connection: connection as unknown as ClickHouseClientConfigOptions['connection'],
    });
  const clients: ClickHouseClient[] = [];
  try {
    const writerConnection = createChdbConnection({ path: options.path });
    const writer = open(writerConnection);
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
    // Inserts through the connection's raw insert: the body Buffer goes to chDB as it is, one
    // statement, on the writer's session (its USE and SETs hold), where the connection's `insert` and
    // `exec` first join it into one string with the statement and chDB copies that on the calling
    // thread: ~9 ms per 10,000 rows (docs/benchmarks.md, projection pipeline, fourth pass).
    // https://github.com/chdb-io/chdb-node (node_modules/chdb/src/connection/AGENTS.md, `.chdb.rawInsert`)
    const insertBody = async (table: string, body: Buffer): Promise<void> => {
      await writerConnection.chdb.rawInsert({ table, values: body, format: 'JSONEachRow' });
    };
    return new ClickHouseAnalyticsStore({ database, writer, readers: clients.slice(1), dependency: 'chDB', insertBody });
  } catch (error) {
    await Promise.allSettled(clients.map((c) => c.close()));
    throw error;
  }
}
