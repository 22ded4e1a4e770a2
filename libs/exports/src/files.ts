import { createHash } from 'node:crypto';
import type { ExportManifest } from '#libs/events';
import { toCsv } from './csv.js';
import type { Dataset } from './dataset.js';
import type { ExportQuery } from './source.js';
import type { Table } from './table.js';

/** One file of an export as written: name, bytes and, for a table, its row count. */
export interface ExportFile {
  readonly name: string;
  readonly bytes: Buffer;
  readonly rows: number;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The data dictionary (every file, every column: type, nullable, description) as JSON and CSV. */
export function dictionaryFiles(dataset: Dataset): ExportFile[] {
  const files = dataset.tables.map((t: Table) => ({ name: t.name, kind: t.kind, description: t.description, formats: ['csv', 'parquet'], columns: t.columns }));
  const json = { policyVersion: dataset.policyVersion, ...(dataset.notice ? { notice: dataset.notice } : {}), conventions: CONVENTIONS, files };
  const rows = dataset.tables.flatMap((t) => t.columns.map((c) => [t.name, c.name, c.type, c.nullable, c.description]));
  const csv: Table = {
    name: 'dictionary',
    kind: 'microdata',
    description: '',
    columns: ['file', 'column', 'type', 'nullable', 'description'].map((name) => ({ name, type: 'string', nullable: false, description: '' })),
    rows,
  };
  const columnCount = rows.length;
  return [
    { name: 'dictionary.json', bytes: Buffer.from(`${JSON.stringify(json, null, 2)}\n`, 'utf8'), rows: columnCount },
    { name: 'dictionary.csv', bytes: toCsv(csv, dataset.notice), rows: columnCount },
  ];
}

const CONVENTIONS = [
  'Types: string, int32, float64, boolean; nullable columns are empty in CSV and null in Parquet.',
  'participant_id and cluster_id are random surrogates kept by the exporting organization; the same person keeps the same surrogate in later exports.',
  'Dates are days since the participant joined the program; cohort is the joining month, quarter or year as k-anonymity allowed.',
  'CSV files of a 42 CFR Part 2 program start with one comment line (#) holding the redisclosure notice.',
];

/** Every text file of an export: one CSV per table, the dictionary, and NOTICE.txt for Part 2. */
export function textFiles(dataset: Dataset): ExportFile[] {
  const csvs = dataset.tables.map((t) => ({ name: `${t.name}.csv`, bytes: toCsv(t, dataset.notice), rows: t.rows.length }));
  const notice = dataset.notice ? [{ name: 'NOTICE.txt', bytes: Buffer.from(`${dataset.notice}\n`, 'utf8'), rows: 0 }] : [];
  return [...csvs, ...dictionaryFiles(dataset), ...notice];
}

/** API.md's manifest of the files written, sorted by name; no time or export id inside, so it is reproducible. */
export function manifestOf(dataset: Dataset, query: ExportQuery, files: readonly ExportFile[]): ExportManifest {
  return {
    files: [...files].sort((a, b) => (a.name < b.name ? -1 : 1)).map((f) => ({ name: f.name, rows: f.rows, sha256: sha256(f.bytes) })),
    participants: dataset.participants,
    policyVersion: dataset.policyVersion,
    k: dataset.k,
    rowsSuppressed: dataset.rowsSuppressed,
    rowsGeneralized: dataset.rowsGeneralized,
    cellsSuppressed: dataset.cellsSuppressed,
    ...(dataset.notice ? { notice: dataset.notice } : {}),
    query: { programId: query.programId, from: query.from, to: query.to, instruments: [...query.instruments] },
    generalization: { ...dataset.level },
  };
}

export function manifestFile(manifest: ExportManifest): ExportFile {
  return { name: 'manifest.json', bytes: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8'), rows: 0 };
}
