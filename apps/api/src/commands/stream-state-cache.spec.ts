import { describe, expect, it } from '@jest/globals';
import { StreamStateCache } from './stream-state-cache.js';

const deciderA = {};
const deciderB = {};
const entry = (revision: number, decider: object = deciderA) => ({ decider, org: 'org-1', revision, state: { revision } });

describe('StreamStateCache (bounded LRU of folded state)', () => {
  it('evicts the least recently used stream beyond its capacity', () => {
    const cache = new StreamStateCache(2);
    cache.put('a', entry(0));
    cache.put('b', entry(0));
    expect(cache.get('a', deciderA)?.revision).toBe(0); // a is now the most recent
    cache.put('c', entry(0));
    expect(cache.size).toBe(2);
    expect(cache.get('b', deciderA)).toBeUndefined();
    expect(cache.get('a', deciderA)).toBeDefined();
    expect(cache.get('c', deciderA)).toBeDefined();
  });

  it('keeps the streams used since the last eviction and drops the others, oldest first', () => {
    const cache = new StreamStateCache(3);
    for (const stream of ['a', 'b', 'c']) cache.put(stream, entry(0));
    cache.get('a', deciderA);
    cache.get('c', deciderA);
    cache.put('d', entry(0)); // b is the only one not used: dropped
    expect(cache.get('b', deciderA)).toBeUndefined();
    // a was passed over (unmarked, moved behind c) and not used since; c is still marked: a goes.
    cache.put('e', entry(0));
    expect(cache.get('a', deciderA)).toBeUndefined();
    expect(cache.size).toBe(3);
    expect([cache.get('c', deciderA), cache.get('d', deciderA), cache.get('e', deciderA)].every(Boolean)).toBe(true);
  });

  it('drops one stream even when every stream was used', () => {
    const cache = new StreamStateCache(2);
    cache.put('a', entry(0));
    cache.put('b', entry(0));
    cache.get('a', deciderA);
    cache.get('b', deciderA);
    cache.put('c', entry(0));
    expect(cache.size).toBe(2);
    expect(cache.get('a', deciderA)).toBeUndefined();
  });

  it('keeps the newer of two entries of one stream', () => {
    const cache = new StreamStateCache(10);
    cache.put('a', entry(5));
    cache.put('a', entry(3));
    expect(cache.get('a', deciderA)?.revision).toBe(5);
    cache.put('a', entry(6));
    expect(cache.get('a', deciderA)?.revision).toBe(6);
  });

  it('misses for another decider', () => {
    const cache = new StreamStateCache(10);
    cache.put('a', entry(5, deciderA));
    expect(cache.get('a', deciderB)).toBeUndefined();
    cache.put('a', entry(1, deciderB));
    expect(cache.get('a', deciderB)?.revision).toBe(1);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => new StreamStateCache(0)).toThrow(/positive integer/);
  });
});
