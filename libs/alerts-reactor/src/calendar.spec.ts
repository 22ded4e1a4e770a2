import { describe, expect, it } from '@jest/globals';
import { localDate } from './calendar.js';

describe('localDate', () => {
  it('turns the date at local midnight, also in a zone three quarters off the hour (Asia/Kathmandu, UTC+5:45)', () => {
    // Midnight in Kathmandu on 2026-03-02 is 18:15 UTC on 2026-03-01.
    expect(localDate(new Date('2026-03-01T18:14:59.999Z'), 'Asia/Kathmandu')).toBe('2026-03-01');
    expect(localDate(new Date('2026-03-01T18:15:00.000Z'), 'Asia/Kathmandu')).toBe('2026-03-02');
    expect(localDate(new Date('2026-03-01T18:14:00.000Z'), 'Asia/Kathmandu')).toBe('2026-03-01');
  });

  it('follows a daylight-saving change (America/New_York, 2026-03-08) and unknown zones as UTC', () => {
    expect(localDate(new Date('2026-03-08T04:59:00Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDate(new Date('2026-03-08T05:00:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(new Date('2026-03-09T03:59:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(new Date('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-03-09');
    expect(localDate(new Date('2026-03-09T04:00:00Z'), 'Not/AZone')).toBe('2026-03-09');
  });
});
