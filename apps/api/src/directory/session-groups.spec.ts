import { describe, expect, it } from '@jest/globals';
import { SessionGroups, sessionHash } from './session-groups.js';

describe('SessionGroups', () => {
  it('answers the groups that may hold a session, each once', () => {
    const index = new SessionGroups();
    index.add('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00', 'group-a');
    index.add('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00', 'group-a');
    index.add('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00', 'group-b'); // a client-chosen id reused by another group
    index.add('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f01', 'group-c');
    expect(index.candidates('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f00')).toEqual(['group-a', 'group-b']);
    expect(index.candidates('3f1c2a9e-1b2c-4d3e-8f4a-5b6c7d8e9f01')).toEqual(['group-c']);
    expect(index.candidates('unknown')).toEqual([]);
  });

  it('keeps both groups when two ids share a hash (the caller checks the group)', () => {
    const index = new SessionGroups();
    const hash = sessionHash('session-1');
    index.addHash(hash, 'group-a');
    index.addHash(hash, 'group-b');
    expect(index.candidates('session-1')).toEqual(['group-a', 'group-b']);
    expect([...index.entries()]).toEqual([[hash, ['group-a', 'group-b']]]);
  });

  it('hashes to small non-negative integers, the same for the same id', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const hashes = ids.map(sessionHash);
    for (const hash of hashes) expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 30).toBe(true);
    expect(sessionHash(ids[7]!)).toBe(hashes[7]);
    // Sequential ids spread: no more than a couple of collisions among 2,000.
    expect(new Set(hashes).size).toBeGreaterThan(1995);
  });
});
