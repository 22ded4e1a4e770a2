import { describe, expect, it } from '@jest/globals';
import { joinsByMonth, medianTenureDays, memberAttendance } from './member-summary.js';

const episode = (participantId: string, joinedOn: string, leftOn: string | null = null) => ({ participantId, joinedOn, leftOn, reason: leftOn ? 'completed' : null });

describe('joinsByMonth', () => {
  it('fills months without movement with zeros, across a year end', () => {
    expect(joinsByMonth([episode('a', '2025-11-03', '2026-02-02'), episode('b', '2025-11-20')])).toEqual([
      { month: '2025-11', joins: 2, leaves: 0 },
      { month: '2025-12', joins: 0, leaves: 0 },
      { month: '2026-01', joins: 0, leaves: 0 },
      { month: '2026-02', joins: 0, leaves: 1 },
    ]);
    expect(joinsByMonth([])).toEqual([]);
  });
});

describe('memberAttendance', () => {
  const sessions = [
    { sessionId: 's1', date: '2026-01-05' },
    { sessionId: 's2', date: '2026-01-12' },
    { sessionId: 's3', date: '2026-01-19' },
  ];
  it('counts only sessions inside the episode; a rejoin is its own episode', () => {
    const statusOf = new Map([['s1|a', 'present' as const], ['s3|a', 'late' as const]]);
    expect(memberAttendance(episode('a', '2026-01-05', '2026-01-12'), sessions, statusOf, '2026-01-31')).toEqual({ dose: 1, consecutiveMissed: 0 });
    expect(memberAttendance(episode('a', '2026-01-19'), sessions, statusOf, '2026-01-31')).toEqual({ dose: 1, consecutiveMissed: 0 });
    expect(memberAttendance(episode('a', '2026-01-05'), sessions, new Map([['s1|a', 'present' as const]]), '2026-01-31')).toEqual({ dose: 1, consecutiveMissed: 2 });
  });
});

describe('medianTenureDays', () => {
  it('counts ongoing episodes to today and never below zero', () => {
    // 10, 0 (joins after today), 31 → median 10.
    expect(medianTenureDays([episode('a', '2026-01-01', '2026-01-11'), episode('b', '2026-03-01'), episode('c', '2026-01-01')], '2026-02-01')).toBe(10);
  });
});
