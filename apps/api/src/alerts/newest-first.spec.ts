import { describe, expect, it } from '@jest/globals';
import { newest, newestFirst } from './newest-first.js';

const alert = (raisedAt: string, alertId: string) => ({ raisedAt, alertId });

describe('newest', () => {
  // A fixed pseudo-random order (LCG) with ties on raisedAt, so the id tie-break is exercised.
  const items = Array.from({ length: 500 }, (_, i) => alert(`2026-11-${String(1 + ((i * 7919) % 28)).padStart(2, '0')}T10:00:00.000Z`, `a-${String((i * 104729) % 1000).padStart(4, '0')}`));

  it.each([1, 2, 10, 100, 499, 500, 1000])('gives the first %i of the full sort', (limit) => {
    expect(newest(items, limit)).toEqual([...items].sort(newestFirst).slice(0, limit));
  });

  it('is empty for no items', () => {
    expect(newest([], 5)).toEqual([]);
  });

  it('orders ties on raisedAt by alert id, descending', () => {
    expect(newest([alert('2026-01-01', 'a'), alert('2026-01-01', 'c'), alert('2026-01-01', 'b')], 3).map((a) => a.alertId)).toEqual(['c', 'b', 'a']);
  });
});
