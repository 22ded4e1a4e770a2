import type { AnalyticsStore } from '#libs/analytics-store';
import { backfillDerivedTables } from './derived/derived-tables.js';
import { tables } from './tables.js';
import { DEFAULT_ENGINE, loadMigrations, renderStatements, type Migration } from './migrations.js';

export interface MigrateOptions {
  /** Default: the store's own database (where its unqualified names resolve, as the Projector's do). */
  readonly database?: string;
  /** Table engine for this deployment (see SchemaTarget). Default ReplacingMergeTree(version, is_deleted). */
  readonly engine?: string;
  /** Default: the lib's migrations/ folder. */
  readonly migrations?: readonly Migration[];
}

// Bootstrapped here, not in a numbered file: it must exist before the files can be tracked.
const SCHEMA_MIGRATIONS = `
CREATE TABLE IF NOT EXISTS {{database}}.schema_migrations
(
    name String,
    checksum String,
    applied_at DateTime64(3, 'UTC') DEFAULT now64(3),
    version UInt64,
    is_deleted UInt8 DEFAULT 0
)
ENGINE = {{engine}}
ORDER BY name`;

/**
 * Data work a migration needs once its tables exist, run right after it is applied: a derived
 * table is filled from the tables projected before it existed. Only in the store's own database:
 * another one (the rebuild's) is new and empty, and the derived rows come with its replay.
 */
const afterApplying: Readonly<Record<string, (store: AnalyticsStore) => Promise<void>>> = {
  // 007 and 008 are derived from 009's table: all three are filled once 009 exists.
  '009_measures_current': (store) => backfillDerivedTables(store, [tables.measuresCurrent, tables.episodeScores, tables.participantScores]),
  '011_session_attendance': (store) => backfillDerivedTables(store, [tables.sessionAttendance]),
};

/**
 * Applies pending migrations in number order and records each in `schema_migrations`;
 * returns the names applied (none on a second run). Every statement is `IF NOT EXISTS`, so a
 * run interrupted mid-file is finished by the next one. An applied file whose text changed is
 * an error: write a new migration instead. Runs from one process at a time (deploy step or the
 * embedded process at start-up); a cluster also needs ON CLUSTER, not handled yet.
 */
export async function migrate(store: AnalyticsStore, options: MigrateOptions = {}): Promise<string[]> {
  const target = { database: options.database ?? store.database, engine: options.engine ?? DEFAULT_ENGINE };
  const migrations = options.migrations ?? loadMigrations();
  const [createDatabase] = renderStatements('CREATE DATABASE IF NOT EXISTS {{database}}', target);
  await store.command(createDatabase!);
  for (const statement of renderStatements(SCHEMA_MIGRATIONS, target)) await store.command(statement);

  const applied = await store.query<{ name: string; checksum: string }>(
    `SELECT name, checksum FROM ${target.database}.schema_migrations FINAL`,
    {},
  );
  const appliedChecksums = new Map(applied.map((row) => [row.name, row.checksum]));
  const done: string[] = [];
  for (const migration of migrations) {
    const known = appliedChecksums.get(migration.name);
    if (known !== undefined) {
      if (known !== migration.checksum) throw new Error(`Migration ${migration.name} changed after it was applied; add a new one instead`);
      continue;
    }
    for (const statement of renderStatements(migration.sql, target)) await store.command(statement);
    if (target.database === store.database) await afterApplying[migration.name]?.(store);
    await store.insert(`${target.database}.schema_migrations`, [{ name: migration.name, checksum: migration.checksum, version: migration.number }]);
    done.push(migration.name);
  }
  return done;
}
