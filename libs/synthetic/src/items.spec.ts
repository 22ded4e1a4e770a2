import { describe, expect, it } from '@jest/globals';
import { definitionOf, itemsSumming } from './items.js';
import { Random } from './prng.js';

describe('itemsSumming', () => {
  it('sums exactly to the total asked, within each item range, on 0.1 steps too', () => {
    const random = new Random(3);
    for (const [instrument, total] of [['PHQ-9', 17], ['BARC-10', 44], ['GSRS', 35.7], ['CORE-10', 0], ['GAD-7', 21]] as const) {
      const items = itemsSumming(random, definitionOf(instrument), total);
      expect(Math.round(items.reduce((a, b) => a + b, 0) * 10) / 10).toBe(total);
    }
  });

  it('clamps a total outside the range and keeps pinned items', () => {
    const phq9 = definitionOf('PHQ-9');
    expect(itemsSumming(new Random(1), phq9, 40)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 3]);
    const pinned = itemsSumming(new Random(1), phq9, 5, undefined, new Map([[8, 2]]));
    expect(pinned[8]).toBe(2);
    expect(pinned.reduce((a, b) => a + b, 0)).toBe(5);
  });
});

describe('Random', () => {
  it('repeats its sequence for a seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
  });
});
