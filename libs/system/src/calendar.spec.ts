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

  it('gives, minute by minute across midnights and DST changes, what a fresh formatter gives (the date is remembered per quarter hour)', () => {
    const fresh = (instant: Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
    // Havana changes at local midnight; Lord Howe by 30 min; Kathmandu and Chatham are at :45.
    const cases: [string, string][] = [
      ['America/Havana', '2026-03-07T12:00:00Z'],
      ['America/Havana', '2026-10-31T12:00:00Z'],
      ['Australia/Lord_Howe', '2026-04-04T00:00:00Z'],
      ['Asia/Kathmandu', '2026-05-01T00:00:00Z'],
      ['Pacific/Chatham', '2026-04-04T00:00:00Z'],
      ['Europe/London', '2026-03-28T12:00:00Z'],
      // Before 1973 an offset could be odd (Liberia −0:44:30): formatted every time.
      ['Africa/Monrovia', '1970-06-01T00:00:00Z'],
    ];
    for (const [zone, start] of cases) {
      const mismatches: string[] = [];
      for (let minute = 0; minute < 2 * 24 * 60; minute += 1) {
        const instant = new Date(Date.parse(start) + minute * 60_000);
        if (dateInTimeZone(instant, zone) !== fresh(instant, zone)) mismatches.push(instant.toISOString());
      }
      expect({ zone, mismatches }).toEqual({ zone, mismatches: [] });
    }
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
