import { describe, expect, it } from '@jest/globals';
import { derivedTables, onThreads } from './derived-tables.js';

describe('onThreads', () => {
  it('adds a SETTINGS clause, or extends the one a statement ends with', () => {
    expect(onThreads('INSERT INTO t SELECT 1', 1)).toBe('INSERT INTO t SELECT 1\nSETTINGS max_threads = 1');
    expect(onThreads('INSERT INTO t SELECT 1\nSETTINGS join_use_nulls = 0', 2)).toBe('INSERT INTO t SELECT 1\nSETTINGS join_use_nulls = 0, max_threads = 2');
    expect(onThreads('SELECT 1', undefined)).toBe('SELECT 1');
  });

  it('gives every refresh statement exactly one SETTINGS clause', () => {
    for (const { sql } of derivedTables) expect(onThreads(sql, 1).match(/\nSETTINGS /g)).toHaveLength(1);
  });
});
