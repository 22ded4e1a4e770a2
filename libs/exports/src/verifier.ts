import { ALL } from './aggregates.js';
import { derivableCells, type PublishedGrid } from './cell-suppression.js';
import { parseCsv } from './csv.js';
import { type ExportFile, sha256 } from './files.js';
import { findIdentifiers, IDENTIFIER_PATTERNS } from './identifiers.js';
import { MIN_CELL } from './policy.js';
import { PUBLISHABLE_AGE_VALUES, PUBLISHABLE_COHORT, PUBLISHABLE_GENDER_VALUES } from './quasi-identifiers.js';

export interface VerifyOptions {
  readonly k: number;
  /** Raw ids and any identifier known to the exporter (participant and group ids, names...): none may appear. */
  readonly forbidden: readonly string[];
  readonly minCell?: number;
}

interface DictionaryFile {
  readonly name: string;
  readonly kind: 'microdata' | 'aggregate';
  readonly columns: readonly { readonly name: string }[];
}

/**
 * Re-reads the files of an export as a recipient would and lists every way they break the
 * policy (empty = publishable): a class of the quasi-identifiers smaller than k, a value the
 * hierarchies do not publish, a column the dictionary does not declare (free text cannot slip
 * in), an identifier pattern or forbidden value in any file, rows of a participant who is not
 * in participants.csv, an aggregate cell from 1 to minCell − 1 or one derivable from the
 * margins, a manifest checksum or row count that does not match.
 */
export function verifyExport(files: readonly ExportFile[], options: VerifyOptions): string[] {
  const minCell = options.minCell ?? MIN_CELL;
  const problems: string[] = [];
  const byName = new Map(files.map((f) => [f.name, f]));
  const dictionaryFile = byName.get('dictionary.json');
  if (!dictionaryFile) return ['dictionary.json is missing'];
  const dictionary = JSON.parse(dictionaryFile.bytes.toString('utf8')) as { files: DictionaryFile[] };
  const declared = new Map(dictionary.files.map((f) => [`${f.name}.csv`, f]));

  for (const file of files) {
    // Parquet is binary (compressed): its rows are the CSV's, checked by checksum below and by the Parquet read-back test.
    if (file.name.endsWith('.parquet')) continue;
    // The manifest names the program (an organization's id, not a person's): only forbidden values and dates count there.
    const patterns = file.name === 'manifest.json' ? IDENTIFIER_PATTERNS.filter((p) => p.name !== 'record id (UUID)') : IDENTIFIER_PATTERNS;
    for (const found of findIdentifiers(file.bytes.toString('utf8'), options.forbidden, patterns)) problems.push(`${file.name}: ${found}`);
    if (file.name.endsWith('.csv') && file.name !== 'dictionary.csv' && !declared.has(file.name)) problems.push(`${file.name}: not in the data dictionary`);
  }

  const tables = new Map<string, { header: string[]; rows: string[][] }>();
  for (const [name, spec] of declared) {
    const file = byName.get(name);
    if (!file) {
      problems.push(`${name}: declared in the dictionary but missing`);
      continue;
    }
    const table = parseCsv(file.bytes);
    const expected = spec.columns.map((c) => c.name);
    if (table.header.join(',') !== expected.join(',')) problems.push(`${name}: columns ${table.header.join(',')} are not the dictionary's ${expected.join(',')}`);
    tables.set(name, table);
    if (spec.kind === 'aggregate') problems.push(...checkAggregate(name, table, minCell));
  }

  const participants = tables.get('participants.csv');
  if (!participants) return [...problems, 'participants.csv is missing'];
  problems.push(...checkClasses(participants, options.k));
  const published = new Set(participants.rows.map((r) => r[0]));
  for (const [name, table] of tables) {
    if (name === 'participants.csv' || declared.get(name)?.kind !== 'microdata' || table.header[0] !== 'participant_id') continue;
    const orphans = table.rows.filter((r) => !published.has(r[0])).length;
    if (orphans > 0) problems.push(`${name}: ${orphans} rows of participants not in participants.csv`);
  }
  problems.push(...checkManifest(byName));
  return problems;
}

function checkClasses(table: { header: string[]; rows: string[][] }, k: number): string[] {
  const [age, gender, cohort] = ['age_band', 'gender', 'cohort'].map((c) => table.header.indexOf(c));
  if (age! < 0 || gender! < 0 || cohort! < 0) return ['participants.csv: a quasi-identifier column is missing'];
  const problems: string[] = [];
  const sizes = new Map<string, number>();
  for (const row of table.rows) {
    const [a, g, c] = [row[age!]!, row[gender!]!, row[cohort!]!];
    if (!PUBLISHABLE_AGE_VALUES.has(a)) problems.push(`participants.csv: age band "${a}" is not publishable`);
    if (!PUBLISHABLE_GENDER_VALUES.has(g)) problems.push(`participants.csv: gender "${g}" is not publishable`);
    if (!PUBLISHABLE_COHORT.test(c)) problems.push(`participants.csv: cohort "${c}" is not publishable`);
    const key = `${a}|${g}|${c}`;
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  for (const [key, size] of sizes) if (size < k) problems.push(`participants.csv: class ${key} has ${size} rows, fewer than k = ${k}`);
  return problems;
}

/** Rebuilds the grid from the long format and checks small cells and derivability. */
function checkAggregate(name: string, table: { rows: string[][] }, minCell: number): string[] {
  const problems: string[] = [];
  const rowLabels = [...new Set(table.rows.map((r) => r[0]!).filter((v) => v !== ALL)), ALL];
  const columnLabels = [...new Set(table.rows.map((r) => r[1]!).filter((v) => v !== ALL)), ALL];
  const grid: PublishedGrid = rowLabels.map(() => columnLabels.map(() => 0));
  for (const [row, column, value] of table.rows) {
    const n = value === '' ? null : Number(value);
    if (n !== null && n > 0 && n < minCell) problems.push(`${name}: cell ${row}/${column} = ${n} is a small cell`);
    grid[rowLabels.indexOf(row!)]![columnLabels.indexOf(column!)] = n;
  }
  if (table.rows.length !== rowLabels.length * columnLabels.length) problems.push(`${name}: not a complete table with margins`);
  for (const cell of derivableCells(grid)) problems.push(`${name}: suppressed cell ${rowLabels[cell.row]}/${columnLabels[cell.column]} can be derived from the margins`);
  return problems;
}

function checkManifest(byName: Map<string, ExportFile>): string[] {
  const manifestFile = byName.get('manifest.json');
  if (!manifestFile) return [];
  const manifest = JSON.parse(manifestFile.bytes.toString('utf8')) as { files: { name: string; rows: number; sha256: string }[] };
  const problems: string[] = [];
  for (const entry of manifest.files) {
    const file = byName.get(entry.name);
    if (!file) problems.push(`manifest.json lists ${entry.name}, which is missing`);
    else if (sha256(file.bytes) !== entry.sha256) problems.push(`${entry.name}: checksum differs from the manifest`);
  }
  return problems;
}
