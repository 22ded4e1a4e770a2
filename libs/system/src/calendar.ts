/** Calendar-date helpers. A program's time zone decides "which day" (API.md "Dates"). */

/**
 * One formatter per time zone: building an Intl.DateTimeFormat costs far more than formatting
 * with one (9 % of the api's CPU per write when built per call, docs/benchmarks.md). Time zones
 * are few (one per program, validated by isValidTimeZone), so the map stays small; a bound
 * keeps a flood of distinct zones from growing it without end.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
const MAX_FORMATTERS = 1000;

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;
/** From here on every offset is a whole number of quarter hours (below). */
const QUARTER_HOURS_FROM_MS = Date.UTC(1973, 0, 1);
const lastDates = new Map<string, { quarter: number; date: string }>();

/**
 * The calendar date (YYYY-MM-DD) of an instant in an IANA time zone.
 *
 * Every UTC offset in use since 1972 (Liberia's −0:44:30 was the last odd one, tz database
 * https://data.iana.org/time-zones/tz-link.html, `africa` file), and so every local midnight and
 * every transition, falls on a UTC quarter hour: the date is the same for a whole quarter hour and
 * is remembered per zone (format was 1.2 % of the api's main thread at 2,000 writes/s, as every
 * write asks for today's date in its program's zone; docs/benchmarks.md issue 2). Older instants
 * are formatted every time.
 */
export function dateInTimeZone(instant: Date, timeZone: string): string {
  const time = instant.getTime();
  if (!(time >= QUARTER_HOURS_FROM_MS)) return formatterFor(timeZone).format(instant);
  const quarter = Math.floor(time / QUARTER_HOUR_MS);
  const last = lastDates.get(timeZone);
  if (last?.quarter === quarter) return last.date;
  const date = formatterFor(timeZone).format(instant);
  if (!last && lastDates.size >= MAX_FORMATTERS) lastDates.clear();
  lastDates.set(timeZone, { quarter, date });
  return date;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Whole years between a date of birth and a calendar date, both YYYY-MM-DD. */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/**
 * Coarse age band kept in analytics instead of the date of birth (PRIVACY.md). Ten-year bands
 * with "90+" (HIPAA Safe Harbor aggregates ages over 89, 45 CFR 164.514(b)(2)(i)(C)).
 */
export function ageBand(age: number): string {
  if (age >= 90) return '90+';
  if (age < 18) return 'under 18';
  if (age < 25) return '18-24';
  const lower = Math.floor(age / 10) * 10;
  return `${lower === 20 ? 25 : lower}-${lower + 9}`;
}
