/** Calendar dates are `YYYY-MM-DD` in the program's time zone (libs/events catalogue). */

const formatters = new Map<string, Intl.DateTimeFormat>();

const QUARTER_HOUR_MS = 15 * 60 * 1000;
const lastDates = new Map<string, { quarter: number; date: string }>();

/**
 * The calendar date of `instant` in `timeZone` (UTC when the zone is unknown to this runtime).
 * Every UTC offset in use since 1972 (Liberia's −0:44:30 was the last odd one, tz database), and
 * so every midnight and transition, falls on a UTC quarter hour: the date is the same for a whole
 * quarter hour, remembered per zone (formatToParts was 2 % of the api's
 * main thread at 2,000 writes/s, as the reactor asks for every measure and attendance).
 */
export function localDate(instant: Date, timeZone: string): string {
  const quarter = Math.floor(instant.getTime() / QUARTER_HOUR_MS);
  const last = lastDates.get(timeZone);
  if (last?.quarter === quarter) return last.date;
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  lastDates.set(timeZone, { quarter, date });
  return date;
}

const shiftedDates = new Map<string, string>();

/**
 * `date` moved by `days` calendar days. Remembered (bounded): the rules ask for the same few
 * dates on every measure and attendance (a Date and toISOString each time were 29 % of a
 * replay's CPU, docs/benchmarks.md issue 7).
 */
export function addDays(date: string, days: number): string {
  const key = `${date}|${days}`;
  let shifted = shiftedDates.get(key);
  if (shifted === undefined) {
    const day = new Date(`${date}T00:00:00Z`);
    day.setUTCDate(day.getUTCDate() + days);
    shifted = day.toISOString().slice(0, 10);
    if (shiftedDates.size >= 50_000) shiftedDates.clear();
    shiftedDates.set(key, shifted);
  }
  return shifted;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: '2-digit', day: '2-digit' };
    try {
      formatter = new Intl.DateTimeFormat('en-CA', { ...options, timeZone });
    } catch {
      formatter = new Intl.DateTimeFormat('en-CA', { ...options, timeZone: 'UTC' });
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
