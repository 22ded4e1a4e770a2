import { createHash } from 'node:crypto';
import type { SurrogateLookup } from '../tables.js';
import { newSurrogate } from '../surrogates.js';

/**
 * Surrogates for tests: assigned on first use from a seeded byte source (reproducible), with
 * the reverse map so a test can check whom a row is about. The api uses crypto random ones.
 */
export function testSurrogates(seed = 'test'): SurrogateLookup & { readonly owner: Map<string, string> } {
  let counter = 0;
  const random = (n: number) => createHash('sha256').update(`${seed}/${counter++}`).digest().subarray(0, n);
  const assigned = new Map<string, string>();
  const owner = new Map<string, string>();
  const get = (kind: 'participant' | 'group', id: string) => {
    let s = assigned.get(`${kind}/${id}`);
    if (!s) {
      s = newSurrogate(kind, random);
      assigned.set(`${kind}/${id}`, s);
      owner.set(s, id);
    }
    return s;
  };
  return { participant: (id) => get('participant', id), group: (id) => get('group', id), owner };
}
