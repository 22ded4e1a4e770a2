import { describe, expect, it } from '@jest/globals';
import { daysBetween, median, summarize } from './stats.js';

describe('summarize (mean, sample SD with n − 1, n)', () => {
  it('works a textbook example: 2, 4, 4, 4, 5, 5, 7, 9', () => {
    // mean 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32; sample variance 32/7; sd √(32/7) = 2.138089935.
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.n).toBe(8);
    expect(s.sd).toBeCloseTo(2.138089935, 9);
  });
  it('has no SD for fewer than two values and nothing for none', () => {
    expect(summarize([31.5])).toEqual({ mean: 31.5, sd: null, n: 1 });
    expect(summarize([])).toEqual({ mean: null, sd: null, n: 0 });
  });
  it('gives SD 0 for ties', () => {
    expect(summarize([36, 36, 36])).toEqual({ mean: 36, sd: 0, n: 3 });
  });
});

describe('median and daysBetween', () => {
  it('takes the middle value or the mean of the two middle values', () => {
    expect(median([28, 14, 21])).toBe(21);
    expect(median([1, 4, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('counts calendar days across months and leap days', () => {
    expect(daysBetween('2025-12-29', '2026-01-26')).toBe(28);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-01-26', '2026-01-26')).toBe(0);
  });
});
