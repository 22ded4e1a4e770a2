import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnalyticsStore } from '#libs/analytics-store';
import { openChdbAnalyticsStore } from '#libs/clickhouse';
import { loadMigrations, renderStatements } from '#libs/projector';
import { CLUSTER, clusterStatements, DATABASE, loadMigrationFiles, REPLICATED_ENGINE, renderClusterSchema, statementsOf } from '../../deploy/kubernetes/clickhouse/render-cluster-schema.mjs';
import { readRepoFile } from './support/deploy-files.js';

const committed = readRepoFile('deploy/kubernetes/clickhouse/cluster-schema.sql');
const statements = statementsOf(committed);
const clusterXml = readRepoFile('deploy/kubernetes/clickhouse/clickhouse.yaml');

describe('the ClickHouse cluster schema (deploy/kubernetes/clickhouse/cluster-schema.sql)', () => {
  let chdb: AnalyticsStore;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cluster-schema-'));
    chdb = await openChdbAnalyticsStore({ path: dir });
  });
  afterAll(async () => {
    await chdb.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is the current render of libs/projector/migrations (re-run render-cluster-schema.mjs after a migration)', () => {
    expect(committed).toBe(renderClusterSchema());
  });

  it('covers every table of the migrations with a replicated local table and a Distributed one', () => {
    const tables = loadMigrations()
      .flatMap((m) => renderStatements(m.sql, { database: DATABASE, engine: 'E' }))
      .filter((s) => s.startsWith('CREATE TABLE'))
      .map((s) => /CREATE TABLE IF NOT EXISTS \w+\.(\w+)/.exec(s)![1]!);
    expect(tables.length).toBeGreaterThan(10);
    for (const table of [...tables, 'schema_migrations']) {
      const local = statements.filter((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${DATABASE}.${table}_local ON CLUSTER ${CLUSTER}\n`));
      const distributed = statements.filter((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS ${DATABASE}.${table} ON CLUSTER ${CLUSTER}\n`));
      expect({ table, local: local.length, distributed: distributed.length }).toEqual({ table, local: 1, distributed: 1 });
      expect(local[0]).toContain(`ENGINE = ${REPLICATED_ENGINE}`);
      expect(distributed[0]).toContain(`ENGINE = Distributed(${CLUSTER}, ${DATABASE}, ${table}_local, cityHash64(`);
    }
  });

  it('shards every tenant table by org, so FINAL and argMax dedupe on one shard', () => {
    const tenantTables = statements.filter((s) => / ON CLUSTER /.test(s) && /Distributed\(/.test(s) && !/(projection_positions|schema_migrations) ON/.test(s));
    expect(tenantTables.length).toBeGreaterThan(10);
    for (const statement of tenantTables) expect(statement).toMatch(/cityHash64\(org\)\)$/);
  });

  it('records the applied migrations with the checksums libs/projector migrate() compares', () => {
    for (const m of loadMigrations()) expect(committed).toContain(`('${m.name}', '${m.checksum}', ${m.number})`);
    expect(loadMigrationFiles().map((m) => m.checksum)).toEqual(loadMigrations().map((m) => m.checksum));
  });

  it('parses statement by statement in ClickHouse itself (chDB formatQuery)', async () => {
    expect(statements.length).toBeGreaterThan(30);
    for (const query of statements) {
      const [row] = await chdb.query<{ formatted: string }>('SELECT formatQuery({query:String}) AS formatted', { query });
      expect(row!.formatted).toContain(query.startsWith('INSERT') ? 'INSERT INTO' : 'ON CLUSTER');
    }
    await expect(chdb.query('SELECT formatQuery({query:String}) AS formatted', { query: 'CREATE TABLE t ON CLUSTER c ENGINE = (' })).rejects.toThrow();
  });

  it('sets a MergeTree setting of a migration on the replicated local table, on every server', () => {
    expect(clusterStatements('ALTER TABLE {{database}}.measures_current MODIFY SETTING min_age_to_force_merge_seconds = 3600')).toEqual([
      `ALTER TABLE ${DATABASE}.measures_current_local ON CLUSTER ${CLUSTER} MODIFY SETTING min_age_to_force_merge_seconds = 3600`,
    ]);
    expect(statements).toContain(`ALTER TABLE ${DATABASE}.episode_scores_local ON CLUSTER ${CLUSTER} MODIFY SETTING min_age_to_force_merge_seconds = 3600`);
  });

  it('refuses to render a statement it does not understand', () => {
    expect(() => clusterStatements('ALTER TABLE {{database}}.programs ADD COLUMN x UInt8')).toThrow(/write this one by hand/);
  });

  it('names the cluster the servers define, with one remote_servers shard per StatefulSet', () => {
    expect(clusterXml).toContain(`<${CLUSTER}>`);
    expect(clusterXml).toContain('<internal_replication>true</internal_replication>');
    const hosts = [...clusterXml.matchAll(/<host>(clickhouse-shard(\d)-(\d)\.clickhouse-headless)<\/host>/g)].map((m) => [m[2], m[3]]);
    expect(hosts).toEqual([['1', '0'], ['1', '1'], ['2', '0'], ['2', '1']]);
  });
});
