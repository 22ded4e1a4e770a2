import { describe, expect, it } from '@jest/globals';
import { DependencyUnavailable } from '#libs/errors';
import { isUnreachable, translateStoreError } from './store-errors.js';

describe('translateStoreError', () => {
  it('maps refused connections, client timeouts and wrapped causes to DependencyUnavailable', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(translateStoreError(refused, 'ClickHouse')).toBeInstanceOf(DependencyUnavailable);
    expect(isUnreachable(new Error('Timeout error.'))).toBe(true);
    expect(isUnreachable(new Error('wrapped', { cause: refused }))).toBe(true);
    expect(isUnreachable(Object.assign(new Error('too many'), { code: '202' }))).toBe(true);
  });

  it('lets SQL and data errors through unchanged', () => {
    const unknownTable = Object.assign(new Error('Unknown table'), { code: '60' });
    expect(translateStoreError(unknownTable, 'ClickHouse')).toBe(unknownTable);
    expect(isUnreachable('ECONNREFUSED')).toBe(false);
  });
});
