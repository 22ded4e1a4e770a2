import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ENGINE, loadMigrations, renderStatements } from './migrations.js';

describe('migration files', () => {
  const migrations = loadMigrations();

  it('are numbered, in order, each opening with a why-comment', () => {
    expect(migrations.map((m) => m.number)).toEqual(migrations.map((_, i) => i + 1));
    for (const m of migrations) expect(m.sql.trimStart()).toMatch(/^-- Why/);
  });

  it('put org first in every ORDER BY of tenant data and use the one engine placeholder', () => {
    for (const m of migrations) {
      for (const statement of renderStatements(m.sql, { database: 'db', engine: 'ENGINE_X' })) {
        // Besides tables, a migration may only change a table's MergeTree setting (the cluster render knows no other ALTER).
        if (statement.startsWith('ALTER TABLE')) {
          expect(statement).toMatch(/^ALTER TABLE db\.[a-z_]+ MODIFY SETTING [a-z_]+ = \d+$/);
          continue;
        }
        expect(statement).toMatch(/ENGINE = ENGINE_X\nORDER BY \((org|projection_name),/);
        expect(statement).toContain('version UInt64');
        expect(statement).toContain('is_deleted UInt8');
        expect(statement).not.toMatch(/\{\{|\bDateTime(?!64\(3, 'UTC'\))/);
      }
    }
  });
});

describe('renderStatements', () => {
  it('drops comment lines, substitutes placeholders and splits at line-ending semicolons', () => {
    const sql = '-- why; with a semicolon;\nCREATE TABLE {{database}}.a (x UInt8) ENGINE = {{engine}} ORDER BY x;\n\nCREATE TABLE {{database}}.b (y String) ENGINE = {{engine}} ORDER BY y;\n';
    expect(renderStatements(sql, { database: 'analytics', engine: DEFAULT_ENGINE })).toEqual([
      'CREATE TABLE analytics.a (x UInt8) ENGINE = ReplacingMergeTree(version, is_deleted) ORDER BY x',
      'CREATE TABLE analytics.b (y String) ENGINE = ReplacingMergeTree(version, is_deleted) ORDER BY y',
    ]);
  });

  it('refuses a database name that is not a plain identifier', () => {
    expect(() => renderStatements('SELECT 1', { database: 'x; DROP TABLE y', engine: DEFAULT_ENGINE })).toThrow('not a plain identifier');
  });
});
