import { describe, expect, it } from '@jest/globals';
import { jsonDepth, MAX_BODY_DEPTH } from './body-depth.guard.js';

describe('jsonDepth', () => {
  it('counts objects and arrays, not scalars', () => {
    expect([jsonDepth(1), jsonDepth(null), jsonDepth('x'), jsonDepth({}), jsonDepth({ a: [1, { b: 2 }] })]).toEqual([0, 0, 0, 1, 3]);
  });

  it('measures a 100 000-level body without overflowing the stack, stopping early past a limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(jsonDepth(deep)).toBe(100_000);
    expect(jsonDepth(deep, MAX_BODY_DEPTH)).toBe(MAX_BODY_DEPTH + 1);
  });
});
