import type { SessionAttendance } from './state.js';

/**
 * One copy of each repeated value the state keeps per measure and per session (dates,
 * instrument names, attendance records): each decoded event brings its own copy of the same
 * strings, and at 10 M events the open episodes hold millions of them (issue 7). Bounded: a
 * cache of values, not a registry (cleared when full; what is already shared stays shared).
 */
const LIMIT = 50_000;
const attendances = new Map<string, SessionAttendance>();

/** A bounded cache that hands out one copy of each string it has seen. */
function sharer(): <T extends string | null>(value: T) => T {
  const strings = new Map<string, string>();
  return <T extends string | null>(value: T): T => {
    if (value === null) return value;
    const known = strings.get(value);
    if (known !== undefined) return known as T;
    if (strings.size >= LIMIT) strings.clear();
    strings.set(value, value);
    return value;
  };
}

export const shared = sharer();

/**
 * One copy of each session id: a session's id is kept by every open episode of its group, once
 * per attendance and once per measure given at it (~15 copies a session; ~50 MB at 10 M events).
 * Its own cache, so ids do not push the dates and names out of theirs.
 */
export const sharedId = sharer();

/** Attendance records are immutable: one object per (date, attended). */
export function attendanceOf(date: string, attended: boolean): SessionAttendance {
  const key = `${attended ? '+' : '-'}${date}`;
  let record = attendances.get(key);
  if (record === undefined) {
    if (attendances.size >= LIMIT) attendances.clear();
    record = { date: shared(date), attended };
    attendances.set(key, record);
  }
  return record;
}
