import { attended } from './session-attendance.js';
import { enrolledOn, type AttendanceRow, type MembershipRow, type SessionRow } from './group-rows.js';
import { daysBetween, median } from './stats.js';

export interface MemberAttendance {
  /** Sessions attended (present or late) during the episode: the dose. */
  readonly dose: number;
  /**
   * Sessions missed in a row up to the latest one held (date ≤ today) during the episode:
   * absent, excused and unrecorded all count as missed (OUTCOMES.md "Group cohesion").
   */
  readonly consecutiveMissed: number;
}

/** Dose and current run of missed sessions of one membership episode. */
export function memberAttendance(
  member: MembershipRow,
  sessions: readonly SessionRow[],
  statusOf: ReadonlyMap<string, AttendanceRow['status']>,
  today: string,
): MemberAttendance {
  let dose = 0;
  let consecutiveMissed = 0;
  for (const session of sessions) {
    if (session.date > today || !enrolledOn(member, session.date)) continue;
    if (attended(statusOf.get(`${session.sessionId}|${member.participantId}`))) {
      dose += 1;
      consecutiveMissed = 0;
    } else {
      consecutiveMissed += 1;
    }
  }
  return { dose, consecutiveMissed };
}

export interface MonthMovement {
  /** `YYYY-MM`. */
  readonly month: string;
  readonly joins: number;
  readonly leaves: number;
}

/** Joins and leaves per calendar month, every month from the first to the last movement (gaps as zeros, for a chart). */
export function joinsByMonth(memberships: readonly MembershipRow[]): MonthMovement[] {
  const counts = new Map<string, { joins: number; leaves: number }>();
  const bump = (month: string, key: 'joins' | 'leaves') => {
    const entry = counts.get(month) ?? { joins: 0, leaves: 0 };
    entry[key] += 1;
    counts.set(month, entry);
  };
  for (const m of memberships) {
    bump(m.joinedOn.slice(0, 7), 'joins');
    if (m.leftOn !== null) bump(m.leftOn.slice(0, 7), 'leaves');
  }
  if (counts.size === 0) return [];
  const months = [...counts.keys()].sort();
  const result: MonthMovement[] = [];
  for (let month = months[0]!; month <= months[months.length - 1]!; month = nextMonth(month)) {
    result.push({ month, ...(counts.get(month) ?? { joins: 0, leaves: 0 }) });
  }
  return result;
}

function nextMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Median tenure in days over every episode: leftOn − joinedOn, or today − joinedOn for a
 * member still enrolled (an episode that starts after today counts 0). Null for no episodes.
 */
export function medianTenureDays(memberships: readonly MembershipRow[], today: string): number | null {
  return median(memberships.map((m) => Math.max(0, daysBetween(m.joinedOn, m.leftOn ?? today))));
}
