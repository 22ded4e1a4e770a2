import { describe, expect, it } from '@jest/globals';
import { newestFirst } from './newest-first.js';

const alert = (raisedAt: string, alertId: string) => ({ raisedAt, alertId });

describe('newestFirst', () => {
  it('orders by raisedAt, newest first', () => {
    const sorted = [alert('2026-01-02T10:00:00.000Z', 'a'), alert('2026-01-03T09:00:00.000Z', 'b'), alert('2026-01-01T23:59:59.999Z', 'c')].sort(newestFirst);
    expect(sorted.map((a) => a.alertId)).toEqual(['b', 'a', 'c']);
  });

  it('orders ties on raisedAt by alert id, descending', () => {
    expect([alert('2026-01-01', 'a'), alert('2026-01-01', 'c'), alert('2026-01-01', 'b')].sort(newestFirst).map((a) => a.alertId)).toEqual(['c', 'b', 'a']);
  });

  it('is 0 only for the same instant and id', () => {
    expect(newestFirst(alert('2026-01-01', 'a'), alert('2026-01-01', 'a'))).toBe(0);
  });
});
