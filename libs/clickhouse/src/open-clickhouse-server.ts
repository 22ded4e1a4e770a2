import { createClient, ClickHouseLogLevel } from '@clickhouse/client';
import { ClickHouseAnalyticsStore } from './clickhouse-analytics-store.js';
import { translateStoreError } from './store-errors.js';
import { assertIdentifier, sessionSettings } from './session-settings.js';

export interface ClickHouseServerStoreOptions {
  /** e.g. `https://clickhouse.internal:8443` (HTTP interface). */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  readonly database: string;
  /** Create the database when missing (needs the CREATE DATABASE grant). Default true. */
  readonly createDatabase?: boolean;
  /** Per-request timeout, ms. Client default 30 000. */
  readonly requestTimeoutMs?: number;
  /** HTTP keep-alive sockets; the client's pool is the read pool here. Client default 10. */
  readonly maxOpenConnections?: number;
  /** Client log level; its ERROR logs repeat what we throw. Default WARN. */
  readonly logLevel?: ClickHouseLogLevel;
}

/** The production analytics store: a ClickHouse server over HTTP. Never logs the password. */
export async function openClickHouseServerStore(options: ClickHouseServerStoreOptions): Promise<ClickHouseAnalyticsStore> {
  const database = assertIdentifier(options.database, 'database');
  // Client options: https://clickhouse.com/docs/integrations/javascript#configuration
  const base = {
    url: options.url,
    username: options.username,
    password: options.password,
    request_timeout: options.requestTimeoutMs,
    max_open_connections: options.maxOpenConnections,
    clickhouse_settings: sessionSettings,
    log: { level: options.logLevel ?? ClickHouseLogLevel.WARN },
  };
  if (options.createDatabase ?? true) {
    const bootstrap = createClient(base);
    try {
      await bootstrap.command({ query: `CREATE DATABASE IF NOT EXISTS ${database}` });
    } catch (error) {
      throw translateStoreError(error, 'ClickHouse');
    } finally {
      await bootstrap.close();
    }
  }
  const client = createClient({ ...base, database });
  return new ClickHouseAnalyticsStore({ database, writer: client, dependency: 'ClickHouse' });
}
