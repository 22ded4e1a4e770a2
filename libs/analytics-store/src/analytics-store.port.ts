/**
 * The analytics column store (ARCHITECTURE.md "Ports and adapters"): ClickHouse server in
 * production, chDB in-process in embedded mode, both behind this one port so the same
 * projections and read queries run in both modes.
 *
 * Rules every caller follows (ARCHITECTURE.md principles 6 and 7):
 * - values travel only as typed query parameters, `{name:Type}` in the SQL and the value in
 *   `params`; SQL is never built by string concatenation;
 * - instants are UTC (the adapter pins the session time zone), calendar dates are `Date`.
 *
 * Errors: a store that cannot be reached rejects with `DependencyUnavailable` (#libs/errors),
 * so callers retry with backoff; anything else (bad SQL, bad data) rejects with the vendor's
 * error, which is a bug to fix, not a condition to retry.
 */
export type QueryParams = Readonly<Record<string, unknown>>;

/** Output formats `queryRaw` may ask for: ClickHouse writes them itself (https://clickhouse.com/docs/interfaces/formats). */
export const RAW_FORMATS = ['Parquet', 'CSVWithNames', 'TabSeparatedWithNames'] as const;
export type RawFormat = (typeof RAW_FORMATS)[number];

export abstract class AnalyticsStore {
  /** Database the connections default to: unqualified table names resolve in it. */
  abstract readonly database: string;

  /**
   * Inserts `rows` as JSONEachRow into `table` (`name` or `database.name`) and resolves only
   * when the store acknowledged them. Row keys are column names; omitted columns take their
   * defaults. 64-bit integers may be passed as decimal strings.
   */
  abstract insert(table: string, rows: readonly object[]): Promise<void>;

  /**
   * Runs a SELECT and returns its rows (JSONEachRow). 64-bit integers come back as decimal
   * strings (ClickHouse's JSON default, pinned so both modes agree); cast them in SQL or parse.
   */
  abstract query<T>(sql: string, params: QueryParams): Promise<T[]>;

  /**
   * Runs a SELECT and returns its whole output in `format` as bytes, written by the engine
   * (e.g. Parquet for research exports). `sql` has no FORMAT clause: the adapter adds it.
   * Same parameter rules as `query`.
   */
  abstract queryRaw(sql: string, params: QueryParams, format: RawFormat): Promise<Buffer>;

  /** Runs a statement that returns no rows (DDL, DELETE, OPTIMIZE). */
  abstract command(sql: string, params?: QueryParams): Promise<void>;

  /** Closes every connection; the store must not be used afterwards. */
  abstract close(): Promise<void>;
}
