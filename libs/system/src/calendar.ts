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

/** The calendar date (YYYY-MM-DD) of an instant in an IANA time zone. */
export function dateInTimeZone(instant: Date, timeZone: string): string {
  return formatterFor(timeZone).format(instant);
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
