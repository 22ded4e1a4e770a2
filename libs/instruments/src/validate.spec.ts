import { describe, expect, it } from '@jest/globals';
import { getInstrument, validateResponse } from './index.js';

const phq9 = getInstrument('PHQ-9')!;
const core10 = getInstrument('CORE-10')!;
const ors = getInstrument('ORS')!;

describe('validateResponse paths are JSON pointers relative to the body', () => {
  it('accepts a complete, in-range PHQ-9', () => {
    expect(validateResponse(phq9, [0, 1, 2, 3, 0, 1, 2, 3, 0])).toEqual([]);
  });

  it.each([[undefined], [null], ['0,1,2'], [{ 0: 1 }], [3]])('not an array (%p) → /items', (items) => {
    expect(validateResponse(phq9, items)).toEqual([{ path: '/items', message: 'must be an array of 9 item scores' }]);
  });

  it('wrong count → /items', () => {
    expect(validateResponse(phq9, [0, 0, 0, 0, 0, 0, 0, 0])).toEqual([
      { path: '/items', message: 'must have exactly 9 items for PHQ-9 (got 8)' },
    ]);
    expect(validateResponse(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toEqual([
      { path: '/items', message: 'must have exactly 9 items for PHQ-9 (got 10)' },
    ]);
  });

  it('a string at index 3 → /items/3', () => {
    expect(validateResponse(phq9, [0, 0, 0, '2', 0, 0, 0, 0, 0])).toEqual([
      { path: '/items/3', message: 'must be a number' },
    ]);
  });

  it('out of range → /items/3', () => {
    expect(validateResponse(phq9, [0, 0, 0, 4, 0, 0, 0, 0, 0])).toEqual([
      { path: '/items/3', message: 'must be between 0 and 3' },
    ]);
    expect(validateResponse(phq9, [0, 0, 0, -1, 0, 0, 0, 0, 0])).toEqual([
      { path: '/items/3', message: 'must be between 0 and 3' },
    ]);
  });

  it('off-step → /items/3', () => {
    expect(validateResponse(phq9, [0, 0, 0, 1.5, 0, 0, 0, 0, 0])).toEqual([
      { path: '/items/3', message: 'must be a whole number' },
    ]);
    expect(validateResponse(ors, [5, 5, 5, 3.25])).toEqual([{ path: '/items/3', message: 'must have at most one decimal' }]);
  });

  it('one-decimal visual-analog marks are on step', () => {
    expect(validateResponse(ors, [0.3, 9.9, 10, 7.1])).toEqual([]);
  });

  it('NaN and Infinity are not numbers here', () => {
    expect(validateResponse(phq9, [NaN, 0, 0, Infinity, 0, 0, 0, 0, 0])).toEqual([
      { path: '/items/0', message: 'must be a number' },
      { path: '/items/3', message: 'must be a number' },
    ]);
  });

  it('null where the instrument forbids missing → /items/3', () => {
    expect(validateResponse(phq9, [0, 0, 0, null, 0, 0, 0, 0, 0])).toEqual([
      { path: '/items/3', message: 'may not be missing: PHQ-9 is scored only when complete' },
    ]);
  });

  it('null is allowed where a missing-item rule exists (CORE-10); scoring decides validity', () => {
    expect(validateResponse(core10, [0, 0, 0, null, null, 0, 0, 0, 0, 0])).toEqual([]);
    expect(validateResponse(core10, [0, 0, 0, 'x', 0, 0, 0, 0, 0, 0])).toEqual([
      { path: '/items/3', message: 'must be a number or null' },
    ]);
  });

  it('sparse arrays: a hole is not a number', () => {
    const items: unknown[] = new Array(9);
    items.fill(0, 0, 8);
    expect(validateResponse(phq9, items)).toEqual([{ path: '/items/8', message: 'must be a number' }]);
  });
});
