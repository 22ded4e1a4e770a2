import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A numbered plain-SQL migration file (ARCHITECTURE.md principle 6). */
export interface Migration {
  /** File name without `.sql`, e.g. `004_measures`; its number orders it. */
  readonly name: string;
  readonly number: number;
  readonly sql: string;
  readonly checksum: string;
}

/**
 * Per-deployment substitutions. `engine` is the ONE place table engines are chosen: every
 * table is `ENGINE = {{engine}}` with `version` and `is_deleted` columns, so a cluster passes
 * e.g. `ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}', version, is_deleted)`
 * (`{shard}`/`{replica}` are server macros, `{database}`/`{table}` expand per table:
 * https://clickhouse.com/docs/engines/table-engines/mergetree-family/replication).
 */
export interface SchemaTarget {
  readonly database: string;
  readonly engine: string;
}

export const DEFAULT_ENGINE = 'ReplacingMergeTree(version, is_deleted)';

const FILE = /^(\d{3})_[a-z0-9_]+\.sql$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Where the .sql files are: beside src/ when run from source (tests, tsx), and in the repo's
 * libs/projector/migrations when run from dist/ (tsc does not copy .sql files).
 */
export function defaultMigrationsDir(): string {
  const candidates = ['../migrations/', '../../../../libs/projector/migrations/'].map((rel) => fileURLToPath(new URL(rel, import.meta.url)));
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

export function loadMigrations(dir = defaultMigrationsDir()): Migration[] {
  const migrations = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .map((file) => {
      const match = FILE.exec(file);
      if (!match) throw new Error(`Migration file ${file} must be named NNN_snake_case.sql`);
      const sql = readFileSync(`${dir}/${file}`, 'utf8');
      return { name: file.slice(0, -4), number: Number(match[1]), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    })
    .sort((a, b) => a.number - b.number);
  migrations.forEach((m, i) => {
    if (i > 0 && migrations[i - 1]!.number === m.number) throw new Error(`Two migrations numbered ${m.number}`);
  });
  return migrations;
}

/**
 * The statements of a migration for one deployment: `--` comment lines dropped (so a `;` in a
 * comment cannot split), placeholders substituted, split at `;` that ends a line. The database
 * name is checked to be a plain identifier before it is put into SQL.
 */
export function renderStatements(sql: string, target: SchemaTarget): string[] {
  if (!IDENTIFIER.test(target.database)) throw new Error(`database "${target.database}" is not a plain identifier`);
  return sql
    .split('\n')
    .filter((line) => !line.trimStart().startsWith('--'))
    .join('\n')
    .replaceAll('{{database}}', target.database)
    .replaceAll('{{engine}}', target.engine)
    .split(/;\s*$/m)
    .map((statement) => statement.trim())
    .filter((statement) => statement.length > 0);
}
