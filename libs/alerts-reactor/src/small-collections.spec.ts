import { describe, expect, it } from '@jest/globals';
import { SmallMap, SmallSet } from './small-collections.js';

describe('SmallSet', () => {
  it('keeps each item once, in insertion order', () => {
    const set = new SmallSet(['a', 'b', 'a']);
    expect([set.size, set.has('a'), set.has('c')]).toEqual([2, true, false]);
    set.add('c').add('a');
    expect([...set]).toEqual(['a', 'b', 'c']);
    expect(new SmallSet().size).toBe(0);
  });
});

describe('SmallMap', () => {
  it('answers like a Map: insertion order, overwrite in place, entries and values', () => {
    const map = new SmallMap<number>([['s1', 1], ['s2', 2]]);
    map.set('s3', 3).set('s1', 10);
    expect([map.size, map.get('s1'), map.get('s4'), map.has('s2'), map.has('s4')]).toEqual([3, 10, undefined, true, false]);
    expect([...map]).toEqual([['s1', 10], ['s2', 2], ['s3', 3]]);
    expect([...map.entries()]).toEqual([...new Map([['s1', 10], ['s2', 2], ['s3', 3]]).entries()]);
    expect([...map.values()]).toEqual([10, 2, 3]);
  });
});
