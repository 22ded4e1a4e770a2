import { describe, expect, it } from '@jest/globals';
import { fillBuckets, nextBucket } from './buckets.js';

describe('nextBucket', () => {
  it('steps weeks across a month and a year end, months across a year end', () => {
    expect(nextBucket('2025-12-29', 'week')).toBe('2026-01-05');
    expect(nextBucket('2026-02-23', 'week')).toBe('2026-03-02');
    expect(nextBucket('2025-12-01', 'month')).toBe('2026-01-01');
    expect(nextBucket('2026-01-01', 'month')).toBe('2026-02-01');
  });
});

describe('fillBuckets', () => {
  it('fills the gaps between the first and last bucket with empty values, in order', () => {
    const values = new Map([
      ['2026-03-01', { mean: null, n: 0, milestones: 1 }],
      ['2026-01-01', { mean: 4, n: 2, milestones: 0 }],
    ]);
    expect(fillBuckets(values, 'month')).toEqual([
      { bucket: '2026-01-01', mean: 4, n: 2, milestones: 0 },
      { bucket: '2026-02-01', mean: null, n: 0, milestones: 0 },
      { bucket: '2026-03-01', mean: null, n: 0, milestones: 1 },
    ]);
    expect(fillBuckets(new Map(), 'week')).toEqual([]);
  });
});
