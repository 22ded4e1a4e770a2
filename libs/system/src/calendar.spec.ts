import { describe, expect, it } from '@jest/globals';
import { ageBand, ageOn, dateInTimeZone, isValidTimeZone } from './calendar.js';

describe('calendar', () => {
  it('takes the calendar date in the program time zone', () => {
    const instant = new Date('2026-03-01T03:30:00Z');
    expect(dateInTimeZone(instant, 'UTC')).toBe('2026-03-01');
    expect(dateInTimeZone(instant, 'America/New_York')).toBe('2026-02-28');
    expect(dateInTimeZone(instant, 'Asia/Tokyo')).toBe('2026-03-01');
  });

  it('keeps each time zone apart when the same zones come back (one cached formatter per zone)', () => {
    const instant = new Date('2026-03-01T03:30:00Z');
    const zones = ['America/New_York', 'UTC', 'America/New_York', 'Asia/Tokyo', 'America/Los_Angeles', 'UTC'];
    expect(zones.map((zone) => dateInTimeZone(instant, zone))).toEqual(['2026-02-28', '2026-03-01', '2026-02-28', '2026-03-01', '2026-02-28', '2026-03-01']);
    expect(dateInTimeZone(new Date('2026-03-01T12:00:00Z'), 'America/New_York')).toBe('2026-03-01');
  });

  it('knows valid IANA zones', () => {
    expect(isValidTimeZone('Europe/London')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('counts whole years of age', () => {
    expect(ageOn('2000-06-15', '2026-06-14')).toBe(25);
    expect(ageOn('2000-06-15', '2026-06-15')).toBe(26);
  });

  it('bands ages with 90+ at the top', () => {
    expect([17, 18, 24, 25, 29, 30, 39, 89, 90, 101].map(ageBand)).toEqual([
      'under 18', '18-24', '18-24', '25-29', '25-29', '30-39', '30-39', '80-89', '90+', '90+',
    ]);
  });
});
