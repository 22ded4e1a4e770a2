import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openTestChdbStore, type TestChdbStore } from '#testing/clickhouse';
import { parseCsv } from './csv.js';
import { buildDataset } from './dataset.js';
import { textFiles } from './files.js';
import { writeParquet } from './parquet.js';
import { DEFAULT_K } from './policy.js';
import type { Column } from './table.js';
import { generatedEvents, pyarrowPython, readParquet, smallSource, smallSurrogates, sourceFromEvents, testSurrogates } from './testing/index.js';

/** The Arrow type pyarrow reports for each dictionary type (https://arrow.apache.org/docs/python/api/datatypes.html). */
const ARROW: Record<Column['type'], string> = { string: 'string', int32: 'int32', float64: 'double', boolean: 'bool' };

/** A CSV cell as the value pyarrow gives for it. */
function typed(cell: string, column: Column): unknown {
  if (cell === '' && (column.nullable || column.type !== 'string')) return null;
  if (column.type === 'int32' || column.type === 'float64') return Number(cell);
  if (column.type === 'boolean') return cell === 'true';
  return cell;
}

describe('Parquet files written by the engine, read back by pyarrow', () => {
  let chdb: TestChdbStore;
  let python: string;
  let dir: string;
  beforeAll(async () => {
    python = pyarrowPython();
    chdb = await openTestChdbStore({ database: 'export_parquet' });
    dir = mkdtempSync(join(tmpdir(), 'export-parquet-'));
  }, 600_000);
  afterAll(async () => {
    await chdb.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases = [
    { name: 'the hand-checked export', dataset: () => buildDataset(smallSource(), { programId: 'program-1', from: null, to: null, instruments: [], k: 3 }, smallSurrogates) },
    {
      name: 'a generated program',
      dataset: () => {
        const events = generatedEvents({ seed: 3, org: 'org-p', today: '2026-06-01', programs: 1, groupsPerProgram: 6, weeks: 40, membersPerGroup: 10 });
        const programId = (events.find((e) => e.type === 'ProgramCreated')!.data as { programId: string }).programId;
        return buildDataset(sourceFromEvents(events, programId), { programId, from: null, to: null, instruments: [], k: DEFAULT_K }, testSurrogates());
      },
    },
  ];

  it.each(cases)('$name: the dictionary types, the CSV values, the same bytes twice', async ({ dataset: make }) => {
    const dataset = make();
    const csv = new Map(textFiles(dataset).map((f) => [f.name, f.bytes]));
    const paths: string[] = [];
    for (const table of dataset.tables) {
      const bytes = await writeParquet(chdb.store, table);
      expect((await writeParquet(chdb.store, table)).equals(bytes)).toBe(true);
      const path = join(dir, `${table.name}-${paths.length}.parquet`);
      writeFileSync(path, bytes);
      paths.push(path);
    }
    const read = readParquet(python, paths);
    // The types a recipient is told: the dictionary file as written.
    const dictionary = JSON.parse(csv.get('dictionary.json')!.toString()) as { files: { name: string; columns: Column[] }[] };
    dataset.tables.forEach((table, i) => {
      const file = read[paths[i]!]!;
      const declared = dictionary.files.find((f) => f.name === table.name)!.columns;
      expect({ table: table.name, schema: file.schema }).toEqual({ table: table.name, schema: declared.map((c) => [c.name, ARROW[c.type], c.nullable]) });
      const rows = parseCsv(csv.get(`${table.name}.csv`)!).rows.map((row) => row.map((cell, j) => typed(cell, table.columns[j]!)));
      expect({ table: table.name, rows: file.rows }).toEqual({ table: table.name, rows });
    });
    expect(dataset.tables.reduce((n, t) => n + t.rows.length, 0)).toBeGreaterThan(10);
  });
});
