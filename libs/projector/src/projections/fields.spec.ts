import { describe, expect, it } from '@jest/globals';
import { isDay } from './fields.js';

describe('isDay', () => {
  it('accepts the dates that exist, leap days included', () => {
    for (const day of ['2026-01-31', '2026-04-30', '2024-02-29', '2000-02-29', '2026-12-31', '1970-01-01', '2149-06-06']) expect([day, isDay(day)]).toEqual([day, true]);
  });

  it('refuses days a month does not have, a month 0 or 13, and day 0', () => {
    for (const day of ['2026-02-29', '2100-02-29', '2026-02-30', '2026-04-31', '2026-13-01', '2026-00-10', '2026-05-00', '2026-05-32']) expect([day, isDay(day)]).toEqual([day, false]);
  });

  it('refuses other shapes and the dates a ClickHouse Date cannot hold', () => {
    for (const day of ['2026-5-01', '2026-05-01T00:00:00Z', ' 2026-05-01', '20260501', '', '1969-12-31', '2149-06-07']) expect([day, isDay(day)]).toEqual([day, false]);
  });

  it('agrees with the calendar of Date on every day of four years, leap years around a century', () => {
    for (const year of [1999, 2000, 2024, 2100]) {
      for (let month = 1; month <= 12; month++) {
        for (let day = 1; day <= 31; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const exists = new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day;
          expect([text, isDay(text)]).toEqual([text, exists]);
        }
      }
    }
  });
});
