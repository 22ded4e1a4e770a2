import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DependencyUnavailable } from '#libs/errors';
import { ClickHouseLogLevel } from '@clickhouse/client';
import { openTestChdbStore, type TestChdbStore } from './testing/index.js';
import { openClickHouseServerStore } from './open-clickhouse-server.js';

describe('ClickHouseAnalyticsStore over chDB', () => {
  let chdb: TestChdbStore;
  beforeAll(async () => {
    chdb = await openTestChdbStore({ database: 'store_spec', readers: 3 });
    await chdb.store.command(
      `CREATE TABLE IF NOT EXISTS notes (org String, id String, at DateTime64(3, 'UTC'), on_day Date, n UInt64, xs Array(Nullable(Float64)))
       ENGINE = MergeTree ORDER BY (org, id)`,
    );
  });
  afterAll(() => chdb.dispose());

  it('defaults every connection to its database and pins the session to UTC', async () => {
    const rows = await chdb.store.query<{ db: string; tz: string }>('SELECT currentDatabase() AS db, timezone() AS tz', {});
    expect(rows).toEqual([{ db: 'store_spec', tz: 'UTC' }]);
  });

  it('inserts JSONEachRow and reads it back through typed parameters, instants in UTC', async () => {
    await chdb.store.insert('notes', [
      { org: 'o1', id: 'a', at: '2026-03-01T10:00:00.250+02:00', on_day: '2026-03-01', n: '18446744073709551615', xs: [1, null, 2.5] },
      { org: 'o2', id: 'b', at: '2026-03-01T00:00:00Z', on_day: '2026-02-28', n: 1, xs: [] },
    ]);
    const rows = await chdb.store.query<Record<string, unknown>>(
      'SELECT id, at, on_day, n, xs FROM notes WHERE org = {org:String} AND on_day >= {from:Date}',
      { org: 'o1', from: '2026-01-01' },
    );
    expect(rows).toEqual([{ id: 'a', at: '2026-03-01 08:00:00.250', on_day: '2026-03-01', n: '18446744073709551615', xs: [1, null, 2.5] }]);
  });

  it('inserts a body encoded in several slices as one statement: 64-bit ints, Nullable, Map, Array, DateTime64 round-trip', async () => {
    await chdb.store.command(
      `CREATE TABLE IF NOT EXISTS wide (id UInt32, big Int64, n UInt64, note Nullable(String), scores Map(String, Float64), days Array(Date), at DateTime64(3, 'UTC'))
       ENGINE = MergeTree ORDER BY id`,
    );
    // 2,345 rows: five slices of the default 500.
    const rows = Array.from({ length: 2_345 }, (_, i) => ({
      id: i,
      big: String(-(2n ** 63n) + BigInt(i)),
      n: String(2n ** 64n - 1n - BigInt(i)),
      note: i % 2 === 0 ? null : `n"${i}\n`,
      scores: { phq9: i / 4, gad7: -i },
      days: ['2026-01-01', '2026-02-28'],
      at: `2026-03-01T10:00:00.${String(i % 1000).padStart(3, '0')}+02:00`,
    }));
    await chdb.store.insert('wide', rows);
    const back = await chdb.store.query<Record<string, unknown>>('SELECT id, big, n, note, scores, days, at FROM wide ORDER BY id', {});
    expect(back).toHaveLength(rows.length);
    expect(back[0]).toEqual({ id: 0, big: '-9223372036854775808', n: '18446744073709551615', note: null, scores: { phq9: 0, gad7: 0 }, days: ['2026-01-01', '2026-02-28'], at: '2026-03-01 08:00:00.000' });
    expect(back[2_344]).toEqual({ id: 2_344, big: '-9223372036854773464', n: '18446744073709549271', note: null, scores: { phq9: 586, gad7: -2_344 }, days: ['2026-01-01', '2026-02-28'], at: '2026-03-01 08:00:00.344' });
    expect(back[1_001]).toMatchObject({ note: 'n"1001\n', scores: { phq9: 250.25, gad7: -1_001 } });
  });

  it('rejects the whole insert when a row of its last slice is bad (one statement, not one per slice)', async () => {
    await chdb.store.command('CREATE TABLE IF NOT EXISTS strict_rows (id UInt32) ENGINE = MergeTree ORDER BY id');
    const rows: object[] = Array.from({ length: 1_200 }, (_, i) => ({ id: i }));
    rows.push({ id: 'not a number' });
    await expect(chdb.store.insert('strict_rows', rows)).rejects.toThrow();
    expect(await chdb.store.query<{ c: string }>('SELECT count() AS c FROM strict_rows', {})).toEqual([{ c: '0' }]);
  });

  it('refuses a table name that is not a plain identifier', async () => {
    await expect(chdb.store.insert('notes FORMAT CSV', [{ a: 1 }])).rejects.toThrow('not a plain');
  });

  it('treats a parameter as a value, never as SQL', async () => {
    const rows = await chdb.store.query<{ c: string }>('SELECT count() AS c FROM notes WHERE org = {org:String}', { org: "o1' OR '1'='1" });
    expect(rows).toEqual([{ c: '0' }]);
  });

  it('answers concurrent queries across the read pool', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => chdb.store.query<{ v: number }>('SELECT {i:UInt8} + 1 AS v', { i })),
    );
    expect(answers.map((r) => r[0]?.v)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('runs commands with parameters (lightweight DELETE)', async () => {
    await chdb.store.command('DELETE FROM notes WHERE org = {org:String}', { org: 'o2' });
    const rows = await chdb.store.query<{ org: string }>('SELECT org FROM notes ORDER BY org', {});
    expect(rows).toEqual([{ org: 'o1' }]);
  });

  it('returns raw engine output (CSVWithNames, Parquet) with typed parameters, and refuses other formats', async () => {
    const csv = await chdb.store.queryRaw('SELECT id, n FROM notes WHERE org = {org:String} ORDER BY id', { org: 'o1' }, 'CSVWithNames');
    expect(csv.toString('utf8')).toBe('"id","n"\n"a",18446744073709551615\n');
    const parquet = await chdb.store.queryRaw('SELECT id, on_day FROM notes ORDER BY id', {}, 'Parquet');
    // A Parquet file starts and ends with the magic bytes PAR1 (https://parquet.apache.org/docs/file-format/).
    expect([parquet.subarray(0, 4).toString(), parquet.subarray(-4).toString()]).toEqual(['PAR1', 'PAR1']);
    await expect(chdb.store.queryRaw('SELECT 1', {}, 'JSON; DROP TABLE notes' as never)).rejects.toThrow('Unsupported raw format');
  });

  it('lets SQL errors through as they are (a bug, not an outage)', async () => {
    await expect(chdb.store.query('SELECT * FROM no_such_table', {})).rejects.not.toBeInstanceOf(DependencyUnavailable);
  });
});

describe('chDB data directory per process', () => {
  it('can open another path once the previous store is closed (Jest reuses worker processes)', async () => {
    const first = await openTestChdbStore({ database: 'first' });
    await first.dispose();
    const second = await openTestChdbStore({ database: 'second' });
    try {
      expect(await second.store.query('SELECT 1 AS one', {})).toEqual([{ one: 1 }]);
    } finally {
      await second.dispose();
    }
    await expect(second.store.query('SELECT 1', {})).rejects.toThrow('after close');
  });
});

describe('ClickHouse server store when the server is unreachable', () => {
  // Port 1 on loopback: nothing listens there, the connection is refused at once.
  const unreachable = { url: 'http://127.0.0.1:1', username: 'default', password: '', database: 'analytics', logLevel: ClickHouseLogLevel.OFF };

  it('rejects opening with DependencyUnavailable', async () => {
    await expect(openClickHouseServerStore(unreachable)).rejects.toBeInstanceOf(DependencyUnavailable);
  });

  it('rejects query, insert and command with DependencyUnavailable', async () => {
    const store = await openClickHouseServerStore({ ...unreachable, createDatabase: false });
    try {
      await expect(store.query('SELECT 1', {})).rejects.toBeInstanceOf(DependencyUnavailable);
      await expect(store.insert('t', [{ a: 1 }])).rejects.toBeInstanceOf(DependencyUnavailable);
      await expect(store.command('SELECT 1')).rejects.toBeInstanceOf(DependencyUnavailable);
      await expect(store.queryRaw('SELECT 1', {}, 'Parquet')).rejects.toBeInstanceOf(DependencyUnavailable);
    } finally {
      await store.close();
    }
  });
});
