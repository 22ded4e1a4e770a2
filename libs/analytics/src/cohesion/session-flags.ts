import type { Summary } from './stats.js';

/**
 * Flag thresholds: product defaults, configurable, not clinical facts (OUTCOMES.md "Group
 * cohesion"): disagreement when the session's GSRS SD ≥ 5 points; outlier when a member's
 * GSRS is ≥ 8 points below the session mean; alliance drop when a member's GSRS falls from
 * their previous rated session of the group (any fall: `allianceDropPoints` 0 means "more
 * than 0"). `lowAttendanceRate` has no published default, so it is off (null) unless set:
 * then a session with attendanceRate < it gets `low_attendance`.
 */
export interface FlagSettings {
  readonly disagreementSd: number;
  readonly outlierPointsBelowMean: number;
  readonly allianceDropPoints: number;
  readonly lowAttendanceRate: number | null;
}

export const DEFAULT_FLAG_SETTINGS: FlagSettings = {
  disagreementSd: 5,
  outlierPointsBelowMean: 8,
  allianceDropPoints: 0,
  lowAttendanceRate: null,
};

export type FlagType = 'disagreement' | 'outlier' | 'alliance_drop' | 'low_attendance';

export interface SessionFlag {
  readonly type: FlagType;
  readonly participantId?: string;
}

export interface MemberGsrs {
  readonly participantId: string;
  readonly total: number;
  /** The member's GSRS at their previous rated session of this group, if any. */
  readonly previous: number | null;
}

/**
 * GSRS totals carry one decimal, so differences such as 36.1 − 28.1 come out as
 * 8.000000000000002 or 7.999999999999998: comparisons allow this much float noise.
 */
const EPSILON = 1e-9;

export function sessionFlags(
  gsrs: Summary,
  members: readonly MemberGsrs[],
  attendanceRate: number | null,
  settings: FlagSettings = DEFAULT_FLAG_SETTINGS,
): SessionFlag[] {
  const flags: SessionFlag[] = [];
  if (gsrs.sd !== null && gsrs.sd >= settings.disagreementSd - EPSILON) flags.push({ type: 'disagreement' });
  const byId = [...members].sort((a, b) => (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0));
  if (gsrs.mean !== null) {
    const mean = gsrs.mean;
    for (const m of byId) {
      if (mean - m.total >= settings.outlierPointsBelowMean - EPSILON) flags.push({ type: 'outlier', participantId: m.participantId });
    }
  }
  for (const m of byId) {
    if (m.previous !== null && m.previous - m.total > settings.allianceDropPoints + EPSILON) {
      flags.push({ type: 'alliance_drop', participantId: m.participantId });
    }
  }
  if (settings.lowAttendanceRate !== null && attendanceRate !== null && attendanceRate < settings.lowAttendanceRate - EPSILON) {
    flags.push({ type: 'low_attendance' });
  }
  return flags;
}
