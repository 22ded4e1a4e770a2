import { randomBytes } from 'node:crypto';
import type { AnalyticsStore } from '#libs/analytics-store';
import type { Column, ColumnType, Table } from './table.js';

const CLICKHOUSE_TYPES: Readonly<Record<ColumnType, string>> = { string: 'String', int32: 'Int32', float64: 'Float64', boolean: 'Bool' };

/** The ClickHouse type of a dictionary column (Parquet type follows: string, int32, double, boolean; nullable = optional). */
export function clickHouseType(column: Column): string {
  const base = CLICKHOUSE_TYPES[column.type];
  return column.nullable ? `Nullable(${base})` : base;
}

const ROWS_PER_INSERT = 10_000;

/**
 * The table as a Parquet file written by the analytics engine itself (ClickHouse's native
 * Parquet output, https://clickhouse.com/docs/interfaces/formats/Parquet): rows go to a
 * Memory staging table with their position, come back `ORDER BY` it in one thread (so the
 * same rows give the same bytes), and the staging table is dropped.
 */
export async function writeParquet(store: AnalyticsStore, table: Table): Promise<Buffer> {
  for (const c of table.columns) if (!/^[a-z_][a-z0-9_]*$/.test(c.name)) throw new RangeError(`column name ${c.name} is not a plain identifier`);
  // Not a value but a table name, so it cannot be a parameter: random hex only.
  const staging = `export_staging_${randomBytes(8).toString('hex')}`;
  const columns = table.columns.map((c) => `${c.name} ${clickHouseType(c)}`).join(', ');
  await store.command(`CREATE TABLE ${staging} (_row UInt32, ${columns}) ENGINE = Memory`);
  try {
    for (let start = 0; start < table.rows.length; start += ROWS_PER_INSERT) {
      const rows = table.rows.slice(start, start + ROWS_PER_INSERT).map((row, i) => Object.fromEntries([['_row', start + i], ...table.columns.map((c, j) => [c.name, row[j]])]));
      await store.insert(staging, rows);
    }
    const names = table.columns.map((c) => c.name).join(', ');
    return await store.queryRaw(`SELECT ${names} FROM ${staging} ORDER BY _row SETTINGS max_threads = 1`, {}, 'Parquet');
  } finally {
    await store.command(`DROP TABLE IF EXISTS ${staging}`);
  }
}
