import { describe, expect, it } from '@jest/globals';
import { emptyRecord, withEntry } from './shared-record.js';

const build = (count: number) => {
  const versions = [emptyRecord<number>()];
  for (let i = 0; i < count; i++) versions.push(withEntry(versions.at(-1)!, `k${i}`, i));
  return versions;
};

describe('SharedRecord', () => {
  it('reads like the plain record it replaces: index, in, keys, entries, spread, JSON, toEqual', () => {
    const record = withEntry(withEntry(emptyRecord<{ n: number }>(), 'a', { n: 1 }), 'b', { n: 2 });
    expect(record['a']).toEqual({ n: 1 });
    expect(record['missing']).toBeUndefined();
    expect('b' in record).toBe(true);
    expect('c' in record).toBe(false);
    expect(Object.keys(record)).toEqual(['a', 'b']);
    expect(Object.entries(record)).toEqual([['a', { n: 1 }], ['b', { n: 2 }]]);
    expect({ ...record }).toEqual({ a: { n: 1 }, b: { n: 2 } });
    expect(JSON.parse(JSON.stringify(record))).toEqual({ a: { n: 1 }, b: { n: 2 } });
    expect(record).toEqual({ a: { n: 1 }, b: { n: 2 } });
    expect(Object.prototype.hasOwnProperty.call(record, 'a')).toBe(true);
  });

  it('has no inherited names: a key called "constructor" or "toString" is absent until set', () => {
    const record = withEntry(emptyRecord<number>(), 'x', 1);
    expect(record['constructor']).toBeUndefined();
    expect(record['toString']).toBeUndefined();
    expect(withEntry(record, 'constructor', 2)['constructor']).toBe(2);
  });

  it('leaves every earlier version as it was, across overlay merges', () => {
    const versions = build(300);
    versions.forEach((version, size) => {
      expect(Object.keys(version)).toHaveLength(size);
      expect(version[`k${size - 1}`]).toBe(size === 0 ? undefined : size - 1);
      expect(version[`k${size}`]).toBeUndefined();
    });
  });

  it('replaces a value in the new version only, and two updates of one version do not see each other', () => {
    const base = build(50).at(-1)!;
    const left = withEntry(base, 'k3', -3);
    const right = withEntry(base, 'k3', 333);
    const added = withEntry(base, 'new', 1);
    expect([base['k3'], left['k3'], right['k3']]).toEqual([3, -3, 333]);
    expect(Object.keys(left)).toHaveLength(50);
    expect([base['new'], left['new'], added['new']]).toEqual([undefined, undefined, 1]);
  });

  it('starts from a plain object (a state built by hand) without changing it', () => {
    const plain = { a: 1, b: 2 };
    const next = withEntry(plain, 'c', 3);
    expect(next).toEqual({ a: 1, b: 2, c: 3 });
    expect(plain).toEqual({ a: 1, b: 2 });
  });

  it('refuses writes: a folded state is changed only through withEntry', () => {
    const record = withEntry(emptyRecord<number>(), 'a', 1) as Record<string, number>;
    expect(() => {
      record['a'] = 2;
    }).toThrow(TypeError);
    expect(() => delete record['a']).toThrow(TypeError);
    expect(record['a']).toBe(1);
  });
});
